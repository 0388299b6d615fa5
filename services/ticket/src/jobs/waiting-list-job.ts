import type { Logger } from '@urr/common';
import { deleteWakeups, dueWakeups } from '../db/waiting-list-store.js';
import { offerToWaitingList, type WaitingListDeps } from '../use-cases/offer-to-waiting-list.js';
import { loopBatches } from './batch-loop.js';

export interface WaitingListJobOptions {
  readonly deps: WaitingListDeps;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** Wakeups read per run. @default 500 */
  readonly batchSize?: number;
}

export interface WaitingListJob {
  /** Matches the waiting lists of the events woken so far; returns the wakeups it settled. */
  readonly runOnce: () => Promise<number>;
  readonly start: () => void;
  /** Runs now instead of after the interval. */
  readonly wake: () => void;
  readonly stop: () => Promise<void>;
}

/**
 * Offers returned seats and tickets to the waiting lists: for every event with wakeups (a release or a
 * join committed them), matches its list, then deletes exactly the wakeups it read. A wakeup is deleted
 * only after its event was matched, so a crash in between means one more match, never a lost release.
 * Every replica may run it: the matcher takes the event's list lock (docs/adr/0042).
 */
export function createWaitingListJob(options: WaitingListJobOptions): WaitingListJob {
  const { deps, logger } = options;
  const batchSize = options.batchSize ?? 500;

  const runOnce = async () => {
    let settled = 0;
    for (const [eventId, ids] of await dueWakeups(deps.db.primary, batchSize)) {
      const result = await offerToWaitingList(deps, eventId);
      if (result.offers > 0)
        logger.info({ eventId, offers: result.offers }, 'offered seats to the waiting list');
      // Matched again at the next run: one wakeup is kept for that, the rest of its wakeups are settled.
      const done = result.retry ? ids.slice(0, -1) : ids;
      await deleteWakeups(deps.db.primary, done);
      settled += done.length;
    }
    return settled;
  };

  const loop = loopBatches({
    name: 'waiting-list',
    batchSize,
    intervalMs: options.intervalMs,
    logger,
    runBatch: runOnce,
  });
  return { runOnce, start: loop.start, wake: loop.wake, stop: loop.stop };
}
