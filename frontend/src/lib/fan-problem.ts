import { bilingual, type Locale } from '../i18n/locale';

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

/** The taken seats' names as the page prints them, or none when the page cannot name them. */
const seatNames = (problem: Problem, context: ProblemContext): string[] => {
  const ids = Array.isArray(problem.seatIds) ? problem.seatIds.filter((id) => typeof id === 'string') : [];
  return ids.map((id) => context.seatName?.(id)).filter((name) => name !== undefined);
};

/** Fan-facing words per problem name (the last part of the problem's `type` URN). */
const inKorean = {
  'seat-unavailable': {
    title: '방금 다른 분이 먼저 잡은 좌석입니다',
    detail: (problem, context) => {
      const names = seatNames(problem, context);
      const seats = names.length > 0 ? `${names.join(', ')} 좌석` : '고르신 좌석';
      return `${seats}을(를) 다른 분이 먼저 선택했습니다. 좌석 배치도를 새로 불러왔으니 다른 좌석을 골라 주세요.`;
    },
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
} satisfies Record<string, FanWords>;

const wordsByName = bilingual<Readonly<Record<keyof typeof inKorean, FanWords>>>({
  ko: inKorean,
  en: {
    'seat-unavailable': {
      title: 'Someone else just took that seat',
      detail: (problem, context) => {
        const names = seatNames(problem, context);
        const seats =
          names.length === 0
            ? 'The seat you chose was'
            : names.length === 1
              ? `Seat ${names[0]} was`
              : `Seats ${names.join('; ')} were`;
        return `${seats} taken by someone else first. The seat map has been reloaded; please pick another seat.`;
      },
    },
    'card-declined': {
      title: 'Your card was declined',
      detail: (problem) =>
        problem.attemptsLeft === 0
          ? 'Nothing was charged, and all payment attempts are used up, so the seat goes back on sale. Please book again from the start.'
          : 'Nothing was charged. You can try again with another card; your seat is held for the time left.',
    },
    'payment-provider-timeout': {
      title: 'The card company is slow to answer',
      detail: always(
        "We're checking the payment's result. Pressing again with the same card won't charge you twice.",
      ),
    },
    'payment-provider-error': {
      title: "Can't reach the card company",
      detail: always('Nothing was charged. Please try again in a moment.'),
    },
    'payment-expired': {
      title: 'The time to hold your seat has run out',
      detail: always('Nothing was charged and the seat goes back on sale. Please book again from the start.'),
    },
    'payment-in-progress': {
      title: 'Your payment is being processed',
      detail: always("The result shows in a moment. You don't need to press again."),
    },
    'payment-already-paid': {
      title: 'This booking is already paid',
      detail: always('See it in My bookings.'),
    },
    'invalid-credentials': {
      title: "The email or password doesn't match",
      detail: always("Please enter them again. If you don't have an account, sign up."),
    },
    'login-throttled': {
      title: 'Too many sign-in attempts',
      detail: always('Please try again in a moment.'),
    },
    'email-taken': {
      title: 'This email already has an account',
      detail: always('Sign in, or sign up with another email.'),
    },
    'rate-limited': {
      title: 'Too many requests',
      detail: always('Please try again in a moment.'),
    },
    'queue-sold-out': {
      title: 'Sold out',
      detail: always('No seats are left. The sale opens again if tickets are cancelled.'),
    },
    'queue-closed': {
      title: 'Sales have ended',
      detail: always("This event's booking queue is closed."),
    },
    'sale-not-open': {
      title: "Sales haven't started yet",
      detail: always('Please try again when sales open.'),
    },
    'not-cancellable': {
      title: "This booking can't be cancelled",
      detail: always('It was already cancelled or the event has started. Check its status in My bookings.'),
    },
    'no-confirmed-reservation': {
      title: 'Only people who booked can write a review',
      detail: always('Book this event and complete payment to leave a review.'),
    },
    'already-reviewed': {
      title: "You've already reviewed this event",
      detail: always('Each event takes one review from you. Edit the one you left.'),
    },
    'reservation-check-unavailable': {
      title: "Your bookings can't be checked right now",
      detail: always('The review was not saved. Please try again in a moment.'),
    },
    'not-author': {
      title: 'You can only change your own posts',
      detail: always("Posts written by others can't be edited or deleted."),
    },
    'wrong-claim-code': {
      title: "The claim code doesn't match",
      detail: always('Check the transfer number and claim code the sender gave you.'),
    },
    'transfer-closed': {
      title: 'This transfer is already over',
      detail: always('It was accepted or cancelled. Check its status in Transfers.'),
    },
    'own-transfer': {
      title: "You can't accept your own transfer",
      detail: always('To take back a transfer you sent, press Withdraw transfer.'),
    },
    'not-transferable': {
      title: "This booking can't be transferred",
      detail: always("The sender's booking was cancelled or is no longer theirs."),
    },
    validation: {
      title: 'Please check what you entered',
      detail: (problem) => problem.detail ?? 'Something is missing or in the wrong format.',
    },
  },
});

/** The problem's name: `urn:urr:problem:ticket:seat-unavailable` → `seat-unavailable`. */
export function problemName(problem: Pick<Problem, 'type'>): string | undefined {
  const match = /^urn:urr:problem:(?:[a-z]+:)?([a-z-]+)$/.exec(problem.type ?? '');
  return match?.[1];
}

/**
 * A service's problem in the fan's words and language, with the next step; the status and type stay for
 * programs. A problem this table does not know keeps the service's own words.
 */
export function inFansWords<P extends Problem>(
  problem: P,
  context: ProblemContext = {},
  locale: Locale = 'ko',
): P {
  const name = problemName(problem);
  const words =
    name !== undefined && Object.hasOwn(inKorean, name)
      ? wordsByName[locale][name as keyof typeof inKorean]
      : undefined;
  if (!words) return problem;
  return { ...problem, title: words.title, detail: words.detail(problem, context) };
}
