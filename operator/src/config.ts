import { awsEnv, logLevels, redisEnv } from '@urr/common/config/env-schemas';
import { defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import { z } from 'zod';
import { defaultBookingRoutes, parseRouteSelector } from './booking-signals.js';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

const routeSelector = (fallback: { method: string; route: string }) =>
  z
    .string()
    .default(`${fallback.method} ${fallback.route}`)
    .refine((text) => parseRouteSelector(text) !== undefined, {
      error: 'write it as METHOD /route/template, e.g. POST /api/v1/seats/reserve',
    })
    .transform((text) => parseRouteSelector(text)!);

const urlList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()).min(1));

/** The operator's environment, parsed once at start-up. */
export const operatorConfigSchema = z.object({
  OPERATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  ...redisEnv,
  ...awsEnv,
  VWR_COUNTERS_TABLE: z.string().min(3).default(defaultWaitingRoomTables.countersTable),
  /** ticket-service base URL for seat figures; unset: no sold-out detection. */
  TICKET_URL: z.url().optional(),
  INTERNAL_API_TOKEN: z.string().min(32).optional(),
  /** Watch one namespace only; unset: all namespaces. */
  /**
   * Booking path health (docs/adr/0036): a Prometheus query API when set; else the gateway pods' /metrics,
   * at fixed URLs (GATEWAY_METRICS_URLS) or the ready endpoints of a Service in the TicketEvent's namespace
   * (GATEWAY_METRICS_SERVICE); none of them: admission is not paced by health.
   */
  PROMETHEUS_URL: z.url().optional(),
  /** Label matchers of the gateway's series; the TicketEvent's namespace is added as namespace="…". */
  PROMETHEUS_GATEWAY_SELECTOR: z.string().min(1).default('service="gateway-service"'),
  PROMETHEUS_RATE_WINDOW: z
    .string()
    .regex(/^\d+[smh]$/)
    .default('1m'),
  GATEWAY_METRICS_URLS: urlList.optional(),
  GATEWAY_METRICS_SERVICE: z.string().min(1).optional(),
  /** The histogram series of seat reserve and payment confirm: `METHOD route` as the gateway labels them. */
  BOOKING_RESERVE_ROUTE: routeSelector(defaultBookingRoutes.reserve),
  BOOKING_CONFIRM_ROUTE: routeSelector(defaultBookingRoutes.confirm),
  WATCH_NAMESPACE: z.string().min(1).optional(),
  LEASE_NAMESPACE: z.string().min(1).default('default'),
  LEASE_NAME: z.string().min(1).default('urr-ticketevent-operator'),
  /** Replica name (the pod name in Kubernetes); a random suffix makes the Lease identity unique. */
  POD_NAME: z.string().min(1).optional(),
  LEASE_DURATION_SECONDS: seconds(15),
  RENEW_DEADLINE_SECONDS: seconds(10),
  RETRY_PERIOD_SECONDS: seconds(2),
  RESYNC_SECONDS: seconds(300),
  /** TicketEvents reconciled at once (each a different one); a reconcile mostly waits on the network. */
  OPERATOR_WORKERS: z.coerce.number().int().min(1).max(64).default(8),
  /** Apply crds/ticketevent.yaml at start (local stack); production installs the CRD with the manifests. */
  INSTALL_CRD: flag(true),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});
