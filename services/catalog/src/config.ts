import { databaseEnv, internalApiEnv, kafkaEnv, serviceEnv, z } from '@urr/common';

export const configSchema = z.object({
  ...serviceEnv(3009),
  ...databaseEnv,
  ...kafkaEnv,
  ...internalApiEnv,
  AUTH_URL: z
    .url({ error: 'set it to auth-service, e.g. http://127.0.0.1:3005' })
    .default('http://127.0.0.1:3005'),
  /** How long an organiser's name from auth-service is reused before asking again. */
  ORGANISER_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** An event page waits at most this long for auth-service before it shows the event without the name. */
  AUTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(800),
});
export type Config = z.output<typeof configSchema>;
