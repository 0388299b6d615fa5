/**
 * The TicketEvent that opens an event's sale (crds/ticketevent.yaml, operator/README.md): the organiser
 * copies it into `kubectl apply`, and the operator opens the waiting room and the queue at `opensAt`.
 */

import { bilingual, type Locale } from '../i18n/locale';

export interface SaleOfEvent {
  readonly id: string;
  readonly title: string;
  readonly presaleOpensAt: string | null;
  readonly salesOpenAt: string;
  readonly salesCloseAt: string;
}

export interface SaleSettings {
  /** Most fans booking at once behind the Tier-2 queue (spec.queue.maxActiveUsers). */
  readonly maxActiveUsers: number;
  /** Below this many active fans entrants skip the Tier-2 queue (spec.queue.threshold). */
  readonly threshold: number;
  /** Arrivals expected in the first minutes, for capacity planning; 0 leaves it out. */
  readonly expectedPeakUsers: number;
  readonly namespace: string;
}

export const defaultSaleSettings: SaleSettings = {
  maxActiveUsers: 500,
  threshold: 50,
  expectedPeakUsers: 0,
  namespace: 'default',
};

/** The TicketEvent's name: `sale-` and the event id, lower case (a DNS-1123 name, as Kubernetes wants). */
export function ticketEventName(eventId: string): string {
  return `sale-${eventId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

/** A YAML double-quoted scalar: JSON's string syntax is valid YAML. */
const quoted = (text: string) => JSON.stringify(text);

const issueWords = bilingual({
  ko: {
    maxActiveUsers: '동시 예매 인원은 1에서 1,000,000 사이의 정수여야 합니다.',
    threshold: '대기열 생략 기준은 0 이상의 정수여야 합니다.',
    thresholdAboveMax: '대기열 생략 기준은 동시 예매 인원보다 클 수 없습니다.',
    expectedPeakUsers: '예상 최대 접속자는 0 이상의 정수여야 합니다.',
    namespace: '네임스페이스는 소문자, 숫자, 하이픈으로 된 이름이어야 합니다.',
  },
  en: {
    maxActiveUsers: 'Fans booking at once must be a whole number from 1 to 1,000,000.',
    threshold: 'The queue-skip threshold must be a whole number, 0 or more.',
    thresholdAboveMax: "The queue-skip threshold can't be more than the fans booking at once.",
    expectedPeakUsers: 'Expected peak visitors must be a whole number, 0 or more.',
    namespace: 'The namespace must be a name of lower-case letters, digits and hyphens.',
  },
});

/** What the settings break of the CRD's rules, in the organiser's words; empty when it can be applied. */
export function saleSettingsIssues(settings: SaleSettings, locale: Locale = 'ko'): string[] {
  const words = issueWords[locale];
  const issues: string[] = [];
  if (
    !Number.isInteger(settings.maxActiveUsers) ||
    settings.maxActiveUsers < 1 ||
    settings.maxActiveUsers > 1_000_000
  )
    issues.push(words.maxActiveUsers);
  if (!Number.isInteger(settings.threshold) || settings.threshold < 0) issues.push(words.threshold);
  else if (settings.threshold > settings.maxActiveUsers) issues.push(words.thresholdAboveMax);
  if (!Number.isInteger(settings.expectedPeakUsers) || settings.expectedPeakUsers < 0)
    issues.push(words.expectedPeakUsers);
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(settings.namespace)) issues.push(words.namespace);
  return issues;
}

/** The TicketEvent for the event's own sale window (and presale, when it has one). */
export function ticketEventYaml(event: SaleOfEvent, settings: SaleSettings): string {
  const lines = [
    'apiVersion: urr.guru/v1alpha1',
    'kind: TicketEvent',
    'metadata:',
    `  name: ${ticketEventName(event.id)}`,
    `  namespace: ${settings.namespace}`,
    'spec:',
    `  eventId: ${quoted(event.id)}`,
    `  title: ${quoted(event.title)}`,
    '  sale:',
    ...(event.presaleOpensAt ? ['    presale:', `      opensAt: ${quoted(event.presaleOpensAt)}`] : []),
    `    opensAt: ${quoted(event.salesOpenAt)}`,
    `    closesAt: ${quoted(event.salesCloseAt)}`,
    '  queue:',
    `    maxActiveUsers: ${settings.maxActiveUsers}`,
    `    threshold: ${settings.threshold}`,
    ...(settings.expectedPeakUsers > 0 ? [`  expectedPeakUsers: ${settings.expectedPeakUsers}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** The whole command: apply the TicketEvent from standard input. */
export function applyCommand(event: SaleOfEvent, settings: SaleSettings): string {
  return `kubectl apply -f - <<'EOF'\n${ticketEventYaml(event, settings)}EOF\n`;
}

/** Pause (stop admission, places kept) or resume the sale of a TicketEvent already applied. */
export function pauseCommand(eventId: string, namespace: string, paused: boolean): string {
  return `kubectl -n ${namespace} patch ticketevent ${ticketEventName(eventId)} --type merge -p '{"spec":{"paused":${paused}}}'`;
}
