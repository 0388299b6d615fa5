import { z } from 'zod';
import { kafkaConnectionEnv } from '../kafka/kafka-connection.js';

/**
 * Pieces of config schemas every service combines: `z.object({ ...serviceEnv(3002), ...databaseEnv, ... })`.
 * Each message says what to set, because it is what an operator reads when a pod fails to start.
 */

const url = (what: string, example: string) => z.url({ error: `set it to the ${what} URL, e.g. ${example}` });

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** PORT (default: the service's port from the design), HOST, LOG_LEVEL, ZIPKIN_URL. */
export function serviceEnv(defaultPort: number) {
  return {
    PORT: z.coerce
      .number({ error: 'set it to a TCP port number' })
      .int()
      .min(1, { error: 'set it to a TCP port between 1 and 65535' })
      .max(65_535, { error: 'set it to a TCP port between 1 and 65535' })
      .default(defaultPort),
    /** Loopback by default; a container sets 0.0.0.0. */
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(logLevels, { error: `set it to one of ${logLevels.join(', ')}` }).default('info'),
    /** Zipkin v2 spans endpoint, e.g. http://zipkin:9411/api/v2/spans; tracing exports nothing when unset. */
    ZIPKIN_URL: url('Zipkin spans', 'http://127.0.0.1:9411/api/v2/spans').optional(),
  };
}

export const databaseEnv = {
  DATABASE_URL: url('PostgreSQL', 'postgres://user@127.0.0.1:5432/ticket_db'),
  /** Read replica; reads go to the primary when unset. */
  DATABASE_REPLICA_URL: url('PostgreSQL read replica', 'postgres://user@replica:5432/ticket_db').optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Named statements, parsed once per connection (docs/adr/0057-prepared-statements.md). */
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
};

export const redisEnv = {
  REDIS_URL: url('Redis', 'redis://127.0.0.1:6379'),
};

export const kafkaEnv = {
  /** Comma-separated host:port list. */
  KAFKA_BROKERS: z
    .string({ error: 'set it to a comma-separated list of Kafka brokers, e.g. 127.0.0.1:9092' })
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[^\s:]+:\d+$/, { error: 'each broker must be host:port' }))
        .min(1, { error: 'set at least one broker, e.g. 127.0.0.1:9092' }),
    ),
  /** Replicas of each topic a service creates; unset: the brokers' `default.replication.factor`. */
  KAFKA_REPLICATION_FACTOR: z.coerce
    .number({ error: 'set it to the number of replicas of each topic, e.g. 3' })
    .int()
    .min(1, { error: 'set it to at least 1 replica' })
    .max(32)
    .optional(),
  /** TLS and SASL (KAFKA_SSL, KAFKA_SASL_MECHANISM, …): plaintext when unset. */
  ...kafkaConnectionEnv,
};

/** AWS SDK clients: the region, and the local stack's moto endpoint (unset in AWS). */
export const awsEnv = {
  AWS_REGION: z.string().min(1).default('ap-northeast-2'),
  AWS_ENDPOINT_URL: z
    .url({ error: 'set it to the AWS endpoint URL, e.g. http://127.0.0.1:14566' })
    .optional(),
};

/** The ticket-events FIFO queue: queue-service sends admissions to it, the ticket worker reads it. */
export const ticketEventsQueueEnv = {
  ...awsEnv,
  SQS_TICKET_EVENTS_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,75}\.fifo$/, { error: 'set it to a FIFO queue name ending in .fifo' })
    .default('ticket-events.fifo'),
  /** Create the queue and its DLQ when missing (local stack; whoever starts first); in AWS the CDK stack owns them. */
  SQS_CREATE_QUEUES: z.stringbool().default(true),
};

/** Shared secret of service-to-service REST calls (`x-internal-token`). */
export const internalApiEnv = {
  INTERNAL_API_TOKEN: secret('INTERNAL_API_TOKEN'),
};

/** A secret read from the environment: at least 32 characters, never defaulted. */
export function secret(name: string, minLength = 32) {
  return z
    .string({ error: `set ${name} to a random secret of at least ${minLength} characters` })
    .min(minLength, { error: `must be at least ${minLength} characters; set a longer random secret` });
}
