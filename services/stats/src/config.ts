import { databaseEnv, kafkaEnv, serviceEnv, z } from '@urr/common';

export const configSchema = z.object({
  ...serviceEnv(3004),
  ...databaseEnv,
  ...kafkaEnv,
  /** Kafka consumer group; also the key under which applied message ids are recorded. */
  STATS_CONSUMER_GROUP: z.string().min(1).default('stats-service'),
});
export type Config = z.output<typeof configSchema>;
