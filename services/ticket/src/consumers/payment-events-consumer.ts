import {
  createIdempotentConsumer,
  type IdempotentConsumer,
  type IdempotentConsumerOptions,
  type Kafka,
  type Logger,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { applyPaymentEvent } from '../use-cases/apply-payment-event.js';

export interface PaymentEventsConsumerOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly deps: Pick<TicketContext, 'db' | 'seatLocks' | 'now'>;
  readonly logger: Logger;
  /** Called after a commit that asked for a refund (the refund job's `wake`). */
  readonly onRefundRequested?: () => void;
  /** The service's registry, for the group's consumer lag. */
  readonly registry?: IdempotentConsumerOptions['registry'];
}

export interface PaymentEventsConsumer {
  /** Joins the consumer group and applies what it has not applied yet. */
  readonly start: () => Promise<void>;
  /** Leaves the group; `start` joins it again later. */
  readonly stop: () => Promise<void>;
}

/**
 * ticket-service's consumer of `payment-events`: each message is applied once per group (common's
 * idempotent consumer records its id in the same transaction), and the seat locks of holds it ended are
 * released after the commit.
 */
export function createPaymentEventsConsumer(options: PaymentEventsConsumerOptions): PaymentEventsConsumer {
  const { deps, logger } = options;
  let current: IdempotentConsumer | undefined;

  const create = () =>
    createIdempotentConsumer({
      kafka: options.kafka,
      groupId: options.groupId,
      topics: [options.topic],
      db: deps.db.primary,
      logger,
      ...(options.registry ? { registry: options.registry } : {}),
      handle: async (tx, { envelope }) => {
        const result = await applyPaymentEvent(tx, envelope, { now: deps.now(), logger });
        logger.info(
          { messageId: envelope.id, type: envelope.type, outcome: result.outcome },
          'payment event applied',
        );
        return async () => {
          if (result.outcome === 'refund-requested') options.onRefundRequested?.();
          if (result.seatLocks.length === 0) return;
          // The database already gave the seats back (or keeps them paid); an unreleased lock only
          // lasts until its TTL.
          await deps.seatLocks.release(result.seatLocks).catch((error: unknown) => {
            logger.warn({ err: error, messageId: envelope.id }, 'seat locks not released; they expire');
          });
        };
      },
    });

  return {
    start: async () => {
      if (current) return;
      // A fresh kafkajs consumer per start: one that was disconnected is not run again.
      current = create();
      try {
        await current.start();
      } catch (error) {
        current = undefined;
        throw error;
      }
    },
    stop: async () => {
      const stopping = current;
      current = undefined;
      await stopping?.stop();
    },
  };
}
