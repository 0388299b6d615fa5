import type { Problem } from './api/problem';
import type { CheckIn } from './api/ticket-client';
import { formatDateTime } from './format';
import type { OfflineCheck } from './offline-ticket-check';

/** What the door sees after a scan: admit or not, in one line, and why. */
export interface CheckInOutcome {
  readonly admitted: boolean;
  readonly title: string;
  readonly detail: string;
  /** Checked with the public key only, the service out of reach: not known whether already used. */
  readonly offline?: boolean;
}

const problemType = (name: string) => `urn:urr:problem:ticket:${name}`;

export function admittedOutcome(checkIn: CheckIn): CheckInOutcome {
  return {
    admitted: true,
    title: '입장 확인',
    detail: `티켓 ${checkIn.ticketNumber} / ${checkIn.ticketCount} · ${checkIn.gate} · ${formatDateTime(checkIn.checkedInAt)}`,
  };
}

/** A refused scan in the door staff's words; the service's `detail` when the refusal is not one we name. */
export function refusedOutcome(problem: Problem): CheckInOutcome {
  const refused = (title: string, detail: string) => ({ admitted: false, title, detail });
  switch (problem.type) {
    case problemType('ticket-used'):
      return refused(
        '이미 사용된 티켓',
        `${formatDateTime(typeof problem.usedAt === 'string' ? problem.usedAt : null)} ${String(problem.gate ?? '')}에서 입장 처리되었습니다.`,
      );
    case problemType('ticket-code-expired'):
      return refused(
        '만료된 코드',
        '화면의 최신 QR 코드를 다시 보여 달라고 해 주세요. (캡처 화면일 수 있습니다)',
      );
    case problemType('ticket-code-invalid'):
      return refused('유효하지 않은 코드', 'URR에서 발급한 티켓 코드가 아닙니다.');
    case problemType('ticket-transferred'):
      return refused(
        '양도된 티켓',
        '이 코드를 만든 뒤 티켓이 양도되었습니다. 현재 소유자의 코드만 유효합니다.',
      );
    case problemType('ticket-void'):
      return refused('무효 티켓', '취소되었거나 결제가 끝나지 않은 예매입니다.');
    case problemType('wrong-event'):
      return refused('다른 공연의 티켓', '이 입구에서 받는 공연의 티켓이 아닙니다.');
    default:
      return refused(problem.title, problem.detail ?? '');
  }
}

const offlineReasons: Record<Extract<OfflineCheck, { valid: false }>['reason'], string> = {
  expired: '만료된 코드입니다. 화면의 최신 QR 코드를 다시 보여 달라고 해 주세요.',
  'not-yet-valid': '아직 유효하지 않은 코드입니다. 스캐너의 시계를 확인해 주세요.',
  'bad-signature': 'URR에서 발급한 티켓 코드가 아닙니다.',
  malformed: 'URR 티켓 코드가 아닙니다.',
};

/** The service could not be reached: what the public key alone says about the code. */
export function offlineOutcome(check: OfflineCheck): CheckInOutcome {
  if (check.valid)
    return {
      admitted: true,
      offline: true,
      title: '오프라인 확인: 정상 코드',
      detail: `티켓 ${check.ticketNumber} · 연결이 끊겨 이미 사용되었는지는 확인하지 못했습니다. 연결되면 다시 스캔해 주세요.`,
    };
  return {
    admitted: false,
    offline: true,
    title: '유효하지 않은 코드 (오프라인 확인)',
    detail: offlineReasons[check.reason],
  };
}
