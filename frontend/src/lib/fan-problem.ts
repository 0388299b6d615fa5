/** The members of an RFC 9457 problem these words read (api/problem's `Problem` has them). */
interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

/** What the page knows that the service's answer does not, to name things the way the fan sees them. */
export interface ProblemContext {
  /** The seat as printed on the map ("A구역 3열 5번") for a seat id, when the page has the map. */
  readonly seatName?: (seatId: string) => string | undefined;
}

interface FanWords {
  readonly title: string;
  /** What happened and what to do next. */
  readonly detail: (problem: Problem, context: ProblemContext) => string;
}

const always = (text: string) => () => text;

const seatsNamed = (problem: Problem, context: ProblemContext): string => {
  const ids = Array.isArray(problem.seatIds) ? problem.seatIds.filter((id) => typeof id === 'string') : [];
  const names = ids.map((id) => context.seatName?.(id)).filter((name) => name !== undefined);
  return names.length > 0 ? `${names.join(', ')} 좌석` : '고르신 좌석';
};

/** Fan-facing words per problem name (the last part of the problem's `type` URN). */
const wordsByName: Readonly<Record<string, FanWords>> = {
  'seat-unavailable': {
    title: '방금 다른 분이 먼저 잡은 좌석입니다',
    detail: (problem, context) =>
      `${seatsNamed(problem, context)}을(를) 다른 분이 먼저 선택했습니다. 좌석 배치도를 새로 불러왔으니 다른 좌석을 골라 주세요.`,
  },
  'card-declined': {
    title: '카드 승인이 거절되었습니다',
    // `attemptsLeft` 0: that was the last card the payment may try, and the seat goes back on sale.
    detail: (problem) =>
      problem.attemptsLeft === 0
        ? '결제되지 않았고 결제 시도 횟수를 모두 사용해 좌석이 다시 판매됩니다. 처음부터 다시 예매해 주세요.'
        : '결제되지 않았습니다. 다른 카드로 다시 시도할 수 있습니다; 좌석은 남은 시간 동안 유지됩니다.',
  },
  'payment-provider-timeout': {
    title: '카드사 응답이 늦어지고 있습니다',
    detail: always('결제 결과를 확인하는 중입니다. 같은 카드로 다시 누르셔도 두 번 결제되지 않습니다.'),
  },
  'payment-provider-error': {
    title: '카드사와 연결할 수 없습니다',
    detail: always('결제되지 않았습니다. 잠시 후 다시 시도해 주세요.'),
  },
  'payment-expired': {
    title: '좌석 확보 시간이 끝났습니다',
    detail: always('결제되지 않았고 좌석은 다시 판매됩니다. 처음부터 다시 예매해 주세요.'),
  },
  'payment-in-progress': {
    title: '결제를 처리하고 있습니다',
    detail: always('잠시 기다리면 결과가 표시됩니다. 다시 누르지 않으셔도 됩니다.'),
  },
  'payment-already-paid': {
    title: '이미 결제된 예매입니다',
    detail: always('내 예매에서 예매 내역을 확인해 주세요.'),
  },
  'invalid-credentials': {
    title: '이메일 또는 비밀번호가 맞지 않습니다',
    detail: always('다시 입력해 주세요. 계정이 없다면 회원가입을 해 주세요.'),
  },
  'login-throttled': {
    title: '로그인 시도가 너무 많습니다',
    detail: always('잠시 후 다시 시도해 주세요.'),
  },
  'email-taken': {
    title: '이미 가입된 이메일입니다',
    detail: always('로그인하거나 다른 이메일로 가입해 주세요.'),
  },
  'rate-limited': {
    title: '요청이 너무 많습니다',
    detail: always('잠시 후 다시 시도해 주세요.'),
  },
  'queue-sold-out': {
    title: '매진되었습니다',
    detail: always('남은 좌석이 없습니다. 취소표가 생기면 다시 열립니다.'),
  },
  'queue-closed': {
    title: '판매가 끝났습니다',
    detail: always('이 공연의 예매 대기열은 닫혀 있습니다.'),
  },
  'sale-not-open': {
    title: '아직 판매가 시작되지 않았습니다',
    detail: always('판매 시작 시각에 다시 시도해 주세요.'),
  },
  'not-cancellable': {
    title: '취소할 수 없는 예매입니다',
    detail: always('이미 취소되었거나 공연이 시작되었습니다. 내 예매에서 상태를 확인해 주세요.'),
  },
  'no-confirmed-reservation': {
    title: '예매한 분만 후기를 쓸 수 있습니다',
    detail: always('이 공연을 예매하고 결제까지 마치면 후기를 남길 수 있습니다.'),
  },
  'already-reviewed': {
    title: '이미 후기를 남기셨습니다',
    detail: always('공연마다 후기는 하나입니다. 남긴 후기를 수정해 주세요.'),
  },
  'reservation-check-unavailable': {
    title: '예매 내역을 확인할 수 없습니다',
    detail: always('후기는 저장되지 않았습니다. 잠시 후 다시 시도해 주세요.'),
  },
  'not-author': {
    title: '직접 쓴 글만 고칠 수 있습니다',
    detail: always('다른 분이 쓴 글은 수정하거나 삭제할 수 없습니다.'),
  },
  'wrong-claim-code': {
    title: '양도 코드가 맞지 않습니다',
    detail: always('보내는 분께 받은 양도 번호와 양도 코드를 다시 확인해 주세요.'),
  },
  'transfer-closed': {
    title: '이미 끝난 양도입니다',
    detail: always('받았거나 취소된 양도입니다. 양도 내역에서 상태를 확인해 주세요.'),
  },
  'own-transfer': {
    title: '내가 보낸 양도는 받을 수 없습니다',
    detail: always('보낸 양도를 거두려면 양도 취소를 눌러 주세요.'),
  },
  'not-transferable': {
    title: '양도할 수 없는 예매입니다',
    detail: always('보내는 분의 예매가 취소되었거나 더는 그분의 것이 아닙니다.'),
  },
  validation: {
    title: '입력한 내용을 확인해 주세요',
    detail: (problem) => problem.detail ?? '빠졌거나 형식이 맞지 않는 항목이 있습니다.',
  },
};

/** The problem's name: `urn:urr:problem:ticket:seat-unavailable` → `seat-unavailable`. */
export function problemName(problem: Pick<Problem, 'type'>): string | undefined {
  const match = /^urn:urr:problem:(?:[a-z]+:)?([a-z-]+)$/.exec(problem.type ?? '');
  return match?.[1];
}

/**
 * A service's problem in the fan's words, with the next step; the status and type stay for programs.
 * A problem this table does not know keeps the service's own words.
 */
export function inFansWords<P extends Problem>(problem: P, context: ProblemContext = {}): P {
  const name = problemName(problem);
  const words = name === undefined ? undefined : wordsByName[name];
  if (!words) return problem;
  return { ...problem, title: words.title, detail: words.detail(problem, context) };
}
