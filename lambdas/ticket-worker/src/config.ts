import { databaseEnv, loadConfig, logLevels, serviceEnv, ticketEventsQueueEnv, z } from '@urr/common';

/** What the handler needs, in Lambda and locally. */
export const workerEnvSchema = z.object({
  ...databaseEnv,
  /** A Lambda instance handles one batch at a time: two connections (through RDS Proxy) are plenty. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(20).default(2),
  /**
   * Off: many short-lived instances share RDS Proxy's connections, and a named statement would pin each
   * instance's session to one of them (docs/adr/0057-prepared-statements.md).
   */
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(false),
  LOG_LEVEL: z.enum(logLevels).default('info'),
});
export type WorkerConfig = z.output<typeof workerEnvSchema>;

/** The local stack's poller, which stands in for Lambda's SQS event source mapping. */
export const pollerEnvSchema = workerEnvSchema.extend({
  ...serviceEnv(3010),
  ...ticketEventsQueueEnv,
  /** Long-poll wait per receive (Lambda's event source polls the same way). */
  SQS_WAIT_TIME_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  /** How long a received message stays hidden; a failed one is received again after it. */
  SQS_VISIBILITY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(43_200).default(30),
  /**
   * How long the worker waits at start for ticket-service to bring ticket_db's schema up to date (the
   * local stack starts both at once) before it exits naming what to run.
   */
  TICKET_SCHEMA_WAIT_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** Messages per batch (Lambda's BatchSize; at most 10 for FIFO). */
  SQS_BATCH_SIZE: z.coerce.number().int().min(1).max(10).default(10),
});
export type PollerConfig = z.output<typeof pollerEnvSchema>;

export const loadWorkerConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(workerEnvSchema, env);
export const loadPollerConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(pollerEnvSchema, env);
