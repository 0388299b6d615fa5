import { internalApiEnv, kafkaEnv, redisEnv, secret, serviceEnv, ticketEventsQueueEnv, z } from '@urr/common';
import { activeUserTtlSeconds, tier2Statuses } from '@urr/common/queue/tier2-keys';
import { defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';

export const configSchema = z.object({
  ...serviceEnv(3007),
  ...redisEnv,
  ...internalApiEnv,
  ENTRY_TOKEN_SECRET: secret('ENTRY_TOKEN_SECRET'),
  /** Secure cookies need HTTPS: true behind CloudFront, false on the plain-HTTP local stack. */
  ENTRY_COOKIE_SECURE: z.stringbool().default(false),
  CATALOG_URL: z
    .url({ error: 'set it to catalog-service, e.g. http://127.0.0.1:3009' })
    .default('http://127.0.0.1:3009'),
  /** An admitted user without a heartbeat for this long loses the slot (tests shorten it). */
  QUEUE_ACTIVE_TTL_SECONDS: z.coerce.number().positive().default(activeUserTtlSeconds),
  /** Used while the operator has not written `{eventId}:maxUsers` (same default as the TicketEvent CRD). */
  QUEUE_DEFAULT_MAX_USERS: z.coerce.number().int().min(0).default(1000),
  /** Used while `{eventId}:threshold` is unset: 0 puts every entrant in line. */
  QUEUE_DEFAULT_THRESHOLD: z.coerce.number().int().min(0).default(0),
  /** Used while `{eventId}:status` is unset: an event without a TicketEvent is open. */
  QUEUE_DEFAULT_STATUS: z.enum(tier2Statuses).default('open'),
  QUEUE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  ...ticketEventsQueueEnv,
  /** Where the line's changes and the sale samples go (`queue-events`, docs/adr/0041). */
  ...kafkaEnv,
  /** ticket-service, whose seat figures the sale samples carry. */
  TICKET_URL: z
    .url({ error: 'set it to ticket-service, e.g. http://127.0.0.1:3002' })
    .default('http://127.0.0.1:3002'),
  /** How often each admitting sale is sampled for its report. */
  SALE_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(500).default(5000),
  /** The Tier-1 pass keys (vwr-api's): the current one and `kid=secret,…` still verifying. */
  VWR_TOKEN_SECRET: secret('VWR_TOKEN_SECRET'),
  VWR_TOKEN_KID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'letters, digits, ., _ and - only (1–64)' })
    .default('k1'),
  VWR_TOKEN_RETIRED_KEYS: z.string().default(''),
  /** The waiting room's DynamoDB counters table, whose `active` flag says when a Tier-1 pass is needed. */
  VWR_COUNTERS_TABLE: z.string().min(3).default(defaultWaitingRoomTables.countersTable),
  /** The waiting room's DynamoDB positions table, where an account's pass revocation reaches Tier 1. */
  VWR_POSITIONS_TABLE: z.string().min(3).default(defaultWaitingRoomTables.positionsTable),
  /** How long a waiting room's `active` flag is reused before it is read again. */
  WAITING_ROOM_CACHE_MS: z.coerce.number().int().min(0).default(2000),
});
export type Config = z.output<typeof configSchema>;
