import { type Logger, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { lockLapsedHolds } from '../db/reservation-store.js';
import type { SeatLock } from '../db/seat-lock-store.js';
import { expireReservation } from '../use-cases/reservation-lifecycle.js';
import { loopBatches } from './batch-loop.js';

export interface HoldExpiryOptions {
  readonly deps: Pick<TicketContext, 'db' | 'seatLocks' | 'now'>;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** Holds ended per transaction. @default 100 */
  readonly batchSize?: number;
}

export interface HoldExpiryJob {
  /** Ends one batch of lapsed holds; returns how many it expired. */
  readonly runOnce: () => Promise<number>;
  readonly start: () => void;
  /** Finishes the batch in progress and stops. */
  readonly stop: () => Promise<void>;
}

/**
 * Ends unpaid holds past their deadline: EXPIRED, seats and standing tickets back on sale, a
 * `reservation.expired` event each. Every replica may run it: batches are taken with SKIP LOCKED.
 */
export function createHoldExpiryJob(options: HoldExpiryOptions): HoldExpiryJob {
  const { deps, logger } = options;
  const batchSize = options.batchSize ?? 100;

  const runOnce = async () => {
    const now = deps.now();
    const released = await withTransaction(deps.db.primary, async (tx) => {
      const locks: SeatLock[] = [];
      let count = 0;
      for (const id of await lockLapsedHolds(tx, now, batchSize)) {
        const result = await expireReservation(tx, id, now);
        if (result.outcome !== 'expired') continue;
        count += 1;
        locks.push(...result.seatLocks);
      }
      return { count, locks };
    });
    await deps.seatLocks.release(released.locks);
    return released.count;
  };

  const loop = loopBatches({
    name: 'hold-expiry',
    batchSize,
    intervalMs: options.intervalMs,
    logger,
    runBatch: async () => {
      const expired = await runOnce();
      if (expired > 0) logger.info({ expired }, 'expired unpaid holds');
      return expired;
    },
  });
  return { runOnce, start: loop.start, stop: loop.stop };
}
