import { databaseEnv, internalApiEnv, serviceEnv, z } from '@urr/common';

export const configSchema = z.object({
  ...serviceEnv(3008),
  ...databaseEnv,
  ...internalApiEnv,
  TICKET_URL: z
    .url({ error: 'set it to ticket-service, e.g. http://127.0.0.1:3002' })
    .default('http://127.0.0.1:3002'),
  CATALOG_URL: z
    .url({ error: 'set it to catalog-service, e.g. http://127.0.0.1:3009' })
    .default('http://127.0.0.1:3009'),
  /** How long a review waits for ticket-service to confirm the reservation before answering 503. */
  TICKET_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(2000),
});
export type Config = z.output<typeof configSchema>;
