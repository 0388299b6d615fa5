import {
  type BookingObjective,
  bookingRoutes,
  eq,
  matches,
  type RouteSeries,
  requestHistogram,
  series,
} from './booking-path.js';
import { kafkaConsumerLag, kafkaPartitionsStuck } from './kafka-series.js';

export type Severity = 'critical' | 'warning';

export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** How long the condition holds before the alert fires. */
  readonly for: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly description: string;
}

export interface AlertGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

export interface AlertRulesOptions {
  /** The services' namespace: the `namespace` label of their series. */
  readonly servicesNamespace: string;
  /** The gateway's Service name: the `service` label of its series. */
  readonly gatewayService: string;
  readonly objective: BookingObjective;
}

/** A threshold as PromQL shows it: 0.9, not 0.8999999999999999. */
const threshold = (value: number) => Number(value.toPrecision(6));
const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10} %`;
const milliseconds = (seconds: number) => `${Math.round(seconds * 1000)} ms`;

/**
 * The alerts that matter while a sale runs (docs/adr/0035-monitoring-urr.md), on the series URR's
 * services and operator export. Every expression keeps the `namespace` label, so an alert names its sale's
 * namespace.
 */
export function urrAlertGroups(options: AlertRulesOptions): AlertGroup[] {
  const { objective } = options;
  const gateway = [eq('namespace', options.servicesNamespace), eq('service', options.gatewayService)];
  const requests = (...matchers: string[]) =>
    `sum by (namespace) (rate(${series(`${requestHistogram}_count`, ...gateway, ...matchers)}[5m]))`;
  const errorRatio = `${requests(matches('status_code', '5..'))} / ${requests()}`;
  // A ratio or a p99 of a handful of requests says nothing: both need one request a second at least.
  const busy = (...matchers: string[]) => `and on (namespace) ${requests(...matchers)} > 1`;
  const p99 = (route: RouteSeries) =>
    `histogram_quantile(0.99, sum by (namespace, le) (rate(${series(
      `${requestHistogram}_bucket`,
      ...gateway,
      eq('method', route.method),
      eq('route', route.route),
    )}[5m])))`;
  const latency = (name: string, what: string, route: RouteSeries, objectiveSeconds: number): AlertRule[] => {
    const routeMatchers = [eq('method', route.method), eq('route', route.route)];
    return [
      {
        alert: `${name}P99AboveObjective`,
        expr: `${p99(route)} > ${threshold(objectiveSeconds)} ${busy(...routeMatchers)}`,
        for: '5m',
        severity: 'warning',
        summary: `${what} p99 above its ${milliseconds(objectiveSeconds)} objective for 5 minutes`,
        description: `The gateway's p99 of ${route.method} ${route.route} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}; the operator is slowing Tier-1 admission, and it has not been enough.`,
      },
      {
        alert: `${name}P99Critical`,
        expr: `${p99(route)} > ${threshold(objectiveSeconds * 3)} ${busy(...routeMatchers)}`,
        for: '5m',
        severity: 'critical',
        summary: `${what} p99 above three times its objective (${milliseconds(objectiveSeconds * 3)})`,
        description: `The gateway's p99 of ${route.method} ${route.route} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}: fans who were let in cannot book.`,
      },
    ];
  };
  const outboxDepth = series('queue_admission_outbox_depth', eq('namespace', options.servicesNamespace));
  const admissionsSent = series(
    'queue_admission_messages_sent_total',
    eq('namespace', options.servicesNamespace),
  );
  const waiting = series('urr_ticketevent_waiting_users', eq('namespace', options.servicesNamespace));
  const outboxAge = `max by (namespace, service) (${series('outbox_oldest_pending_age_seconds', eq('namespace', options.servicesNamespace))})`;
  const consumerLag = kafkaConsumerLag(options.servicesNamespace, ['namespace', 'service', 'group', 'topic']);
  const deadLetters = series('queue_ticket_events_dlq_messages', eq('namespace', options.servicesNamespace));

  const eventsGroup: AlertGroup = {
    name: 'urr-events',
    rules: [
      {
        alert: 'UrrOutboxEventsDelayed',
        expr: `${outboxAge} > 60`,
        for: '5m',
        severity: 'warning',
        summary: "A service's outbox holds events older than a minute",
        description:
          "{{ $labels.service }} in {{ $labels.namespace }} has an unpublished event {{ $value | humanizeDuration }} old: its relay publishes in well under a second, so Kafka refuses it or the relay is stuck; the service's consumers see its changes that late.",
      },
      {
        alert: 'UrrOutboxStalled',
        expr: `${outboxAge} > 600`,
        for: '2m',
        severity: 'critical',
        summary: "A service's outbox has not published for over 10 minutes",
        description:
          '{{ $labels.service }} in {{ $labels.namespace }} has an unpublished event {{ $value | humanizeDuration }} old: reservations, payments and the statistics built on them are not reaching the other services.',
      },
      {
        alert: 'UrrKafkaConsumerLagHigh',
        expr: `${consumerLag} > 1000`,
        for: '10m',
        severity: 'warning',
        summary: 'A Kafka consumer group is more than 1000 messages behind',
        description:
          '{{ $labels.group }} of {{ $labels.service }} in {{ $labels.namespace }} is {{ $value }} messages behind on {{ $labels.topic }} for 10 minutes.',
      },
      {
        alert: 'UrrKafkaConsumerStuck',
        expr: kafkaPartitionsStuck(options.servicesNamespace, '10m'),
        for: '5m',
        severity: 'critical',
        summary: 'A Kafka consumer group has committed nothing on a partition it is behind on for 15 minutes',
        description:
          '{{ $labels.group }} of {{ $labels.service }} in {{ $labels.namespace }} is {{ $value }} messages behind on {{ $labels.topic }} partition {{ $labels.partition }} and its offset has not moved: a message its handler keeps failing on blocks the partition, or no member of the group runs.',
      },
    ],
  };

  return [
    {
      name: 'urr-booking-path',
      rules: [
        {
          alert: 'UrrGateway5xxRatioHigh',
          expr: `${errorRatio} > ${threshold(objective.maxErrorRatio)} ${busy()}`,
          for: '5m',
          severity: 'warning',
          summary: `More than ${percent(objective.maxErrorRatio)} of the gateway's answers are 5xx`,
          description:
            'The gateway answers {{ $value | humanizePercentage }} of requests in {{ $labels.namespace }} with 5xx (its own, or an upstream timeout or refusal as 502/504).',
        },
        {
          alert: 'UrrGateway5xxRatioCritical',
          expr: `${errorRatio} > ${threshold(objective.maxErrorRatio * 5)} ${busy()}`,
          for: '2m',
          severity: 'critical',
          summary: `More than ${percent(objective.maxErrorRatio * 5)} of the gateway's answers are 5xx`,
          description:
            'The gateway answers {{ $value | humanizePercentage }} of requests in {{ $labels.namespace }} with 5xx.',
        },
        ...latency('UrrSeatReserve', 'Seat reserve', bookingRoutes.reserve, objective.reserveP99Seconds),
        ...latency(
          'UrrPaymentConfirm',
          'Payment confirm',
          bookingRoutes.confirm,
          objective.confirmP99Seconds,
        ),
      ],
    },
    {
      name: 'urr-admission',
      rules: [
        {
          alert: 'UrrAdmissionOutboxGrowing',
          // Every queue-service pod reports the one Redis list: max, not sum.
          expr: `max by (namespace) (${outboxDepth}) > 100 and on (namespace) max by (namespace) (deriv(${outboxDepth}[5m])) > 0`,
          for: '5m',
          severity: 'warning',
          summary: 'Admissions pile up in the outbox on their way to SQS',
          description:
            '{{ $value }} admission messages wait in Redis in {{ $labels.namespace }} and the list has grown for 5 minutes: SQS takes them slower than the line admits.',
        },
        {
          alert: 'UrrAdmissionOutboxStalled',
          expr: `max by (namespace) (${outboxDepth}) > 0 and on (namespace) sum by (namespace) (rate(${admissionsSent}[2m])) == 0`,
          for: '3m',
          severity: 'critical',
          summary: 'Admission messages wait and none reached SQS for 5 minutes',
          description:
            '{{ $value }} admission messages wait in Redis in {{ $labels.namespace }} and SQS accepted none: the oldest is at least 5 minutes old, and the fans it admitted cannot get their tickets.',
        },
        {
          alert: 'UrrTier2LineGrowing',
          expr: `${waiting} > 1000 and deriv(${waiting}[10m]) > 0`,
          for: '15m',
          severity: 'warning',
          summary: "A sale's Tier-2 line has grown for 15 minutes",
          description:
            '{{ $value }} fans wait for {{ $labels.name }} in {{ $labels.namespace }} and the line still grows: admission is paced down or not draining it.',
        },
        {
          alert: 'UrrTicketEventsDeadLettersGrowing',
          // Every queue-service pod samples the one DLQ: max, not sum.
          expr: `max by (namespace, queue) (delta(${deadLetters}[10m])) > 0`,
          for: '1m',
          severity: 'critical',
          summary: 'Ticket events keep failing into the dead-letter queue',
          description:
            '{{ $labels.queue }} in {{ $labels.namespace }} gained {{ $value }} messages in 10 minutes: the ticket worker failed each of them three times, and the fans they admitted have no tickets until someone replays them.',
        },
        {
          alert: 'UrrOperatorWithoutLeader',
          // No series at all (no replica scraped) is no leader either.
          expr: '(sum(urr_operator_leader) or vector(0)) < 1',
          for: '2m',
          severity: 'critical',
          summary: 'No operator replica holds the Lease',
          description:
            'No TicketEvent is reconciled: sales do not open or close, and Tier-1 admission is not paced.',
        },
      ],
    },
    eventsGroup,
  ];
}
