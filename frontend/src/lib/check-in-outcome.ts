import { bilingual, type Locale } from '../i18n/locale';
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

interface Words {
  readonly title: string;
  readonly detail: string;
}

type OfflineReason = Extract<OfflineCheck, { valid: false }>['reason'];

const text = bilingual<{
  readonly admitted: string;
  readonly ticket: (number: number, count: number) => string;
  readonly used: Omit<Words, 'detail'> & { readonly detail: (when: string, gate: string) => string };
  /** Per refusal the service names (the last part of the problem's `type` URN). */
  readonly refusals: Readonly<Record<string, Words>>;
  readonly offlineValid: Omit<Words, 'detail'> & { readonly detail: (ticketNumber: number) => string };
  readonly offlineInvalid: string;
  readonly offlineReasons: Readonly<Record<OfflineReason, string>>;
}>({
  ko: {
    admitted: '입장 확인',
    ticket: (number, count) => `티켓 ${number} / ${count}`,
    used: { title: '이미 사용된 티켓', detail: (when, gate) => `${when} ${gate}에서 입장 처리되었습니다.` },
    refusals: {
      'ticket-code-expired': {
        title: '만료된 코드',
        detail: '화면의 최신 QR 코드를 다시 보여 달라고 해 주세요. (캡처 화면일 수 있습니다)',
      },
      'ticket-code-invalid': { title: '유효하지 않은 코드', detail: 'URR에서 발급한 티켓 코드가 아닙니다.' },
      'ticket-transferred': {
        title: '양도된 티켓',
        detail: '이 코드를 만든 뒤 티켓이 양도되었습니다. 현재 소유자의 코드만 유효합니다.',
      },
      'ticket-void': { title: '무효 티켓', detail: '취소되었거나 결제가 끝나지 않은 예매입니다.' },
      'wrong-event': { title: '다른 공연의 티켓', detail: '이 입구에서 받는 공연의 티켓이 아닙니다.' },
    },
    offlineValid: {
      title: '오프라인 확인: 정상 코드',
      detail: (ticketNumber) =>
        `티켓 ${ticketNumber} · 연결이 끊겨 이미 사용되었는지는 확인하지 못했습니다. 연결되면 다시 스캔해 주세요.`,
    },
    offlineInvalid: '유효하지 않은 코드 (오프라인 확인)',
    offlineReasons: {
      expired: '만료된 코드입니다. 화면의 최신 QR 코드를 다시 보여 달라고 해 주세요.',
      'not-yet-valid': '아직 유효하지 않은 코드입니다. 스캐너의 시계를 확인해 주세요.',
      'bad-signature': 'URR에서 발급한 티켓 코드가 아닙니다.',
      malformed: 'URR 티켓 코드가 아닙니다.',
    },
  },
  en: {
    admitted: 'Admitted',
    ticket: (number, count) => `Ticket ${number} of ${count}`,
    used: { title: 'Ticket already used', detail: (when, gate) => `It was admitted at ${gate}, ${when}.` },
    refusals: {
      'ticket-code-expired': {
        title: 'Expired code',
        detail: 'Ask for the latest QR code on their screen. (This may be a screenshot.)',
      },
      'ticket-code-invalid': { title: 'Invalid code', detail: 'This is not a ticket code issued by URR.' },
      'ticket-transferred': {
        title: 'Transferred ticket',
        detail:
          'The ticket was transferred after this code was made. Only the current holder’s code is valid.',
      },
      'ticket-void': { title: 'Void ticket', detail: 'The booking was cancelled or never paid.' },
      'wrong-event': {
        title: 'Ticket for another event',
        detail: 'This gate does not take tickets for that event.',
      },
    },
    offlineValid: {
      title: 'Offline check: valid code',
      detail: (ticketNumber) =>
        `Ticket ${ticketNumber} · Offline, so whether it was used already is not known. Scan again once connected.`,
    },
    offlineInvalid: 'Invalid code (offline check)',
    offlineReasons: {
      expired: 'Expired code. Ask for the latest QR code on their screen.',
      'not-yet-valid': "This code isn't valid yet. Check the scanner's clock.",
      'bad-signature': 'This is not a ticket code issued by URR.',
      malformed: 'This is not a URR ticket code.',
    },
  },
});

const ticketProblem = /^urn:urr:problem:ticket:([a-z-]+)$/;

export function admittedOutcome(checkIn: CheckIn, locale: Locale = 'ko'): CheckInOutcome {
  const t = text[locale];
  return {
    admitted: true,
    title: t.admitted,
    detail: `${t.ticket(checkIn.ticketNumber, checkIn.ticketCount)} · ${checkIn.gate} · ${formatDateTime(checkIn.checkedInAt, locale)}`,
  };
}

/** A refused scan in the door staff's words; the service's `detail` when the refusal is not one we name. */
export function refusedOutcome(problem: Problem, locale: Locale = 'ko'): CheckInOutcome {
  const t = text[locale];
  const name = ticketProblem.exec(problem.type ?? '')?.[1];
  if (name === 'ticket-used') {
    const when = formatDateTime(typeof problem.usedAt === 'string' ? problem.usedAt : null, locale);
    return { admitted: false, title: t.used.title, detail: t.used.detail(when, String(problem.gate ?? '')) };
  }
  const words = name !== undefined && Object.hasOwn(t.refusals, name) ? t.refusals[name] : undefined;
  return { admitted: false, ...(words ?? { title: problem.title, detail: problem.detail ?? '' }) };
}

/** The service could not be reached: what the public key alone says about the code. */
export function offlineOutcome(check: OfflineCheck, locale: Locale = 'ko'): CheckInOutcome {
  const t = text[locale];
  if (check.valid)
    return {
      admitted: true,
      offline: true,
      title: t.offlineValid.title,
      detail: t.offlineValid.detail(check.ticketNumber),
    };
  return { admitted: false, offline: true, title: t.offlineInvalid, detail: t.offlineReasons[check.reason] };
}
