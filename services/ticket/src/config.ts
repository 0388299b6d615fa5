import { databaseEnv, internalApiEnv, kafkaEnv, redisEnv, serviceEnv, z } from '@urr/common';

export const configSchema = z.object({
  ...serviceEnv(3002),
  ...databaseEnv,
  ...redisEnv,
  ...kafkaEnv,
  ...internalApiEnv,
  /** How long a seat lock (and so an unpaid hold, seated or standing) lasts. */
  SEAT_LOCK_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(420),
  /** How often the job looks for unpaid holds past their deadline. */
  HOLD_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
});
export type Config = z.output<typeof configSchema>;

/** What the HTTP app needs from the config (tests build it without Kafka settings). */
export type AppConfig = Pick<Config, 'INTERNAL_API_TOKEN' | 'SEAT_LOCK_TTL_SECONDS'>;
