import {
  arrivalRoute,
  bookingRoutes,
  eq,
  matches,
  type RouteSeries,
  requestHistogram,
  series,
} from './booking-path.js';
import { kafkaConsumerLag } from './kafka-series.js';

/** One Prometheus query of a panel. */
export interface DashboardTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
}

export interface DashboardPanel {
  readonly id: number;
  readonly type: 'timeseries' | 'stat';
  readonly title: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly datasource: { readonly type: 'prometheus'; readonly uid: string };
  readonly fieldConfig: { readonly defaults: { readonly unit: string }; readonly overrides: readonly [] };
  readonly targets: readonly DashboardTarget[];
}

/** The part of Grafana's dashboard model URR's dashboards use (schemaVersion 39). */
export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly schemaVersion: number;
  readonly refresh: string;
  readonly time: { readonly from: string; readonly to: string };
  readonly templating: {
    readonly list: readonly { readonly name: string; readonly type: 'datasource'; readonly query: string }[];
  };
  readonly panels: readonly DashboardPanel[];
}

interface PanelSpec {
  readonly title: string;
  readonly unit: string;
  readonly type?: DashboardPanel['type'];
  readonly width?: number;
  readonly queries: readonly (readonly [expr: string, legend: string])[];
}

/** Grafana's variable of the dashboard's data source (templating below), written as Grafana reads it. */
const datasource = { type: 'prometheus', uid: `$${'{datasource}'}` } as const;

/** Panels laid out left to right, two a row unless a panel is wider. */
function dashboard(uid: string, title: string, specs: readonly PanelSpec[]): Dashboard {
  let x = 0;
  let y = 0;
  const panels = specs.map((spec, index): DashboardPanel => {
    const w = spec.width ?? 12;
    if (x + w > 24) {
      x = 0;
      y += 8;
    }
    const gridPos = { x, y, w, h: 8 };
    x += w;
    return {
      id: index + 1,
      type: spec.type ?? 'timeseries',
      title: spec.title,
      gridPos,
      datasource,
      fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
      targets: spec.queries.map(([expr, legendFormat], query) => ({
        refId: String.fromCharCode(65 + query),
        expr,
        legendFormat,
      })),
    };
  });
  return {
    uid,
    title,
    tags: ['urr'],
    schemaVersion: 39,
    refresh: '10s',
    time: { from: 'now-1h', to: 'now' },
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] },
    panels,
  };
}

const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

export interface DashboardOptions {
  readonly servicesNamespace: string;
  readonly gatewayService: string;
}

/** A sale as it runs: arrivals, the lines, admission, bookings, the booking path's latency and errors. */
export function saleDashboard(options: DashboardOptions): Dashboard {
  const namespace = eq('namespace', options.servicesNamespace);
  const gateway = [namespace, eq('service', options.gatewayService)];
  const routeRate = (route: RouteSeries, ...matchers: string[]) =>
    `sum(${rate(series(`${requestHistogram}_count`, ...gateway, eq('method', route.method), eq('route', route.route), ...matchers))})`;
  const p99 = (route: RouteSeries) =>
    `histogram_quantile(0.99, sum by (le) (${rate(
      series(`${requestHistogram}_bucket`, ...gateway, eq('method', route.method), eq('route', route.route)),
    )}))`;
  const ticketEvent = (metric: string, ...matchers: string[]) => series(metric, namespace, ...matchers);
  const consumerLag = (...by: string[]) => kafkaConsumerLag(options.servicesNamespace, by);
  return dashboard('urr-sale', 'URR — sale', [
    {
      title: 'Arrivals in the Tier-2 line (enter requests/s)',
      unit: 'reqps',
      queries: [[routeRate(arrivalRoute), 'enter']],
    },
    {
      title: 'Tier-2 line: fans waiting, by sale',
      unit: 'short',
      queries: [[ticketEvent('urr_ticketevent_waiting_users'), '{{name}}']],
    },
    {
      title: 'Tier 1: positions handed out vs the serving counter, by sale',
      unit: 'short',
      queries: [
        [ticketEvent('urr_ticketevent_tier1_next_position'), '{{name}}: next position'],
        [ticketEvent('urr_ticketevent_tier1_serving_counter'), '{{name}}: serving counter'],
      ],
    },
    {
      title: 'Tier 2: fans booking (active) vs maxUsers, by sale',
      unit: 'short',
      queries: [
        [ticketEvent('urr_ticketevent_active_users'), '{{name}}: active'],
        [ticketEvent('urr_ticketevent_max_active_users'), '{{name}}: maxUsers'],
      ],
    },
    {
      title: 'Seats left, by sale',
      unit: 'short',
      queries: [[ticketEvent('urr_ticketevent_seats_left'), '{{name}}']],
    },
    {
      title: 'Tier-1 admit step in force, by sale',
      unit: 'short',
      queries: [[ticketEvent('urr_ticketevent_admit_step'), '{{name}}']],
    },
    {
      title: 'Sale phase',
      unit: 'short',
      type: 'stat',
      queries: [[`${ticketEvent('urr_ticketevent_phase')} == 1`, '{{name}}: {{phase}}']],
    },
    {
      title: 'Bookings/s: reserves and confirmed payments (2xx)',
      unit: 'reqps',
      queries: [
        [routeRate(bookingRoutes.reserve, matches('status_code', '2..')), 'seats reserved'],
        [routeRate(bookingRoutes.confirm, matches('status_code', '2..')), 'payments confirmed'],
      ],
    },
    {
      title: 'p99 at the gateway: seat reserve and payment confirm',
      unit: 's',
      queries: [
        [p99(bookingRoutes.reserve), 'reserve'],
        [p99(bookingRoutes.confirm), 'confirm'],
      ],
    },
    {
      title: "Booking path errors: the gateway's 5xx ratio",
      unit: 'percentunit',
      queries: [
        [
          `sum(${rate(series(`${requestHistogram}_count`, ...gateway, matches('status_code', '5..')))}) / sum(${rate(series(`${requestHistogram}_count`, ...gateway))})`,
          'all routes',
        ],
        [ticketEvent('urr_ticketevent_booking_error_ratio'), '{{name}}: reserve and confirm (operator)'],
      ],
    },
    {
      title: 'Booking health as the operator judged it',
      unit: 'short',
      type: 'stat',
      queries: [[`${ticketEvent('urr_ticketevent_booking_health')} == 1`, '{{name}}: {{verdict}}']],
    },
    {
      title: 'Admission outbox: waiting for SQS, sent/s',
      unit: 'short',
      queries: [
        [`max(${series('queue_admission_outbox_depth', namespace)})`, 'waiting'],
        [`sum(${rate(series('queue_admission_messages_sent_total', namespace))})`, 'sent/s'],
      ],
    },
    {
      title: 'Ticket-events DLQ: messages the ticket worker gave up on',
      unit: 'short',
      queries: [[`max by (queue) (${series('queue_ticket_events_dlq_messages', namespace)})`, '{{queue}}']],
    },
    {
      title: 'Kafka outboxes: oldest unpublished event, by service',
      unit: 's',
      queries: [
        [`max by (service) (${series('outbox_oldest_pending_age_seconds', namespace)})`, '{{service}}'],
      ],
    },
    {
      title: 'Kafka outboxes: events waiting to be published, by service',
      unit: 'short',
      queries: [[`max by (service) (${series('outbox_pending_events', namespace)})`, '{{service}}']],
    },
    {
      title: 'Kafka consumer lag (messages behind), by group and topic',
      unit: 'short',
      queries: [[consumerLag('group', 'topic'), '{{group}} on {{topic}}']],
    },
    {
      title: 'Operator: reconciles/s by result, replicas holding the Lease',
      unit: 'short',
      queries: [
        [`sum by (result) (${rate('urr_operator_reconciles_total')})`, '{{result}}'],
        ['sum(urr_operator_leader)', 'leaders'],
      ],
    },
    {
      title: 'Admission paced by booking health (step changes/s)',
      unit: 'short',
      queries: [
        [
          `sum by (name, reason) (${rate(ticketEvent('urr_ticketevent_admission_paced_total'))})`,
          '{{name}}: {{reason}}',
        ],
      ],
    },
  ]);
}

/** One service: its request rate, 5xx ratio, p99 by route, and its process' CPU and memory. */
export function serviceDashboard(options: {
  readonly servicesNamespace: string;
  readonly service: string;
}): Dashboard {
  const of = [eq('namespace', options.servicesNamespace), eq('service', options.service)];
  const requests = (...matchers: string[]) => series(`${requestHistogram}_count`, ...of, ...matchers);
  return dashboard(`urr-${options.service}`, `URR — ${options.service}`, [
    {
      title: 'Requests/s by status',
      unit: 'reqps',
      queries: [[`sum by (status_code) (${rate(requests())})`, '{{status_code}}']],
    },
    {
      title: '5xx ratio',
      unit: 'percentunit',
      queries: [[`sum(${rate(requests(matches('status_code', '5..')))}) / sum(${rate(requests())})`, '5xx']],
    },
    {
      title: 'p99 by route',
      unit: 's',
      width: 24,
      queries: [
        [
          `histogram_quantile(0.99, sum by (method, route, le) (${rate(series(`${requestHistogram}_bucket`, ...of))}))`,
          '{{method}} {{route}}',
        ],
      ],
    },
    {
      title: 'CPU (cores), by pod',
      unit: 'short',
      queries: [[`sum by (pod) (${rate(series('process_cpu_seconds_total', ...of))})`, '{{pod}}']],
    },
    {
      title: 'Resident memory, by pod',
      unit: 'bytes',
      queries: [[`sum by (pod) (${series('process_resident_memory_bytes', ...of)})`, '{{pod}}']],
    },
    {
      title: 'Event loop lag p99, by pod',
      unit: 's',
      queries: [[`max by (pod) (${series('nodejs_eventloop_lag_p99_seconds', ...of)})`, '{{pod}}']],
    },
  ]);
}
