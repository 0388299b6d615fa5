import { Kafka, type KafkaConfig, logLevel, type Producer } from 'kafkajs';
import type { Logger } from '../logging/logger.js';
import './request-queue-idle-fix.js';

export type { Kafka, Producer };

export interface KafkaOptions {
  readonly brokers: readonly string[];
  /** e.g. `ticket-service`; shows in broker logs and client quotas. */
  readonly clientId: string;
  readonly logger?: Logger;
  /** Extra kafkajs settings: TLS and SASL from `kafkaOptionsOf(config)`. */
  readonly config?: Omit<KafkaConfig, 'brokers' | 'clientId' | 'logCreator'>;
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through the service's pino logger. */
export function createKafka(options: KafkaOptions): Kafka {
  const logger = options.logger;
  return new Kafka({
    ...options.config,
    brokers: [...options.brokers],
    clientId: options.clientId,
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      if (!logger) return;
      const { message, ...rest } = entry.log;
      logger[levels[entry.level] ?? 'info']({ kafka: { namespace: entry.namespace, ...rest } }, message);
    },
  });
}

/**
 * The outbox relay's producer: idempotent, acks from all in-sync replicas, one request in flight, so a
 * retried send never duplicates or reorders messages within a partition.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
