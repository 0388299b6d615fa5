import { randomUUID } from 'node:crypto';
import { type Logger, periodicJob } from '@urr/common';
import type { Redis } from 'ioredis';
import type { SeatFigures } from '../clients/ticket-seats.js';
import type { Tier1Counters } from '../db/tier1-counters-reader.js';
import { defaultQueueEventsOutboxKeys, type Tier2Queue } from '../db/tier2-queue-store.js';

export interface SaleSamplerOptions {
  readonly redis: Redis;
  readonly queue: Tier2Queue;
  readonly logger: Logger;
  /** The events the operator lists as admitting (`queue:active-events`). */
  readonly listedEvents: () => Promise<string[]>;
  readonly tier1: (eventId: string) => Promise<Tier1Counters | null>;
  readonly seats: (eventId: string) => Promise<SeatFigures>;
  /** @default 5000 */
  readonly intervalMs?: number;
  /** The list the queue-events relay publishes. @default {@link defaultQueueEventsOutboxKeys}.outbox */
  readonly outboxKey?: string;
}

export interface SaleSampler {
  readonly start: () => void;
  readonly stop: () => Promise<void>;
  /** Samples each listed event whose current interval no replica has sampled yet; resolves to those ids. */
  readonly sampleOnce: () => Promise<string[]>;
}

/**
 * Every few seconds, one `queue.sampled` per admitting sale: Tier 1's serving counter and highest
 * position, Tier 2's line, slots and maxUsers, and the seats left (docs/adr/0041). Every replica runs it;
 * a per-interval claim in Redis lets one of them sample each sale. A Tier-1 or seat read that fails
 * leaves that part of the sample null rather than the whole sample out.
 */
export function createSaleSampler(options: SaleSamplerOptions): SaleSampler {
  const { redis, queue, logger } = options;
  const intervalMs = options.intervalMs ?? 5000;
  const outboxKey = options.outboxKey ?? defaultQueueEventsOutboxKeys.outbox;

  const orNull = async <T>(read: Promise<T>, what: string, eventId: string): Promise<T | null> => {
    try {
      return await read;
    } catch (error) {
      logger.warn({ err: error, eventId }, `sale sample without ${what}`);
      return null;
    }
  };

  async function sample(eventId: string): Promise<boolean> {
    const slot = Math.floor(Date.now() / intervalMs);
    const claimed = await redis.set(
      `${outboxKey}:sampled:${eventId}:${slot}`,
      '1',
      'PX',
      intervalMs * 2,
      'NX',
    );
    if (claimed !== 'OK') return false;
    const [view, tier1, seats] = await Promise.all([
      queue.sweep(eventId),
      orNull(options.tier1(eventId), 'Tier-1 counters', eventId),
      orNull(options.seats(eventId), 'seat figures', eventId),
    ]);
    await redis.rpush(
      outboxKey,
      JSON.stringify({
        id: randomUUID(),
        type: 'queue.sampled',
        at: view.nowMs,
        eventId,
        tier1,
        tier2: { waiting: view.waiting, active: view.active, maxUsers: view.maxUsers },
        seats,
      }),
    );
    return true;
  }

  async function sampleOnce(): Promise<string[]> {
    const eventIds = await options.listedEvents();
    const sampled = await Promise.all(
      eventIds.map(async (eventId) => ((await sample(eventId)) ? eventId : undefined)),
    );
    return sampled.filter((eventId) => eventId !== undefined);
  }

  const job = periodicJob({ name: 'sale sampler', intervalMs, run: sampleOnce, logger });
  return { start: job.start, stop: job.stop, sampleOnce };
}
