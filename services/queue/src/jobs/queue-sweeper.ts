import { type Logger, periodicJob } from '@urr/common';
import type { Tier2Queue } from '../db/tier2-queue-store.js';
import type { AdmissionRateMeter } from '../domain/admission-rate.js';

export interface QueueSweeperOptions {
  readonly queue: Tier2Queue;
  readonly meter: AdmissionRateMeter;
  readonly logger: Logger;
  /** The events the operator lists as admitting (`queue:active-events`). */
  readonly listedEvents: () => Promise<string[]>;
  /** @default 1000 */
  readonly intervalMs?: number;
  /** Events this replica served recently are swept too, even when the operator does not list them. @default 900000 */
  readonly recentForMs?: number;
}

export interface QueueSweeper {
  /** Marks an event as served here (every Tier-2 request calls it). */
  readonly touch: (eventId: string) => void;
  readonly start: () => void;
  readonly stop: () => Promise<void>;
  /** One pass over the events; resolves to the event ids it swept. */
  readonly sweepOnce: () => Promise<string[]>;
}

/**
 * Expires abandoned slots and hands them on even when nobody calls, for the events the operator lists
 * in `queue:active-events` and those this replica served lately (a paused sale still expires its
 * slots). Every replica sweeps: each step is one atomic script, so doing it twice is harmless.
 */
export function createQueueSweeper(options: QueueSweeperOptions): QueueSweeper {
  const { queue, meter, logger } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const recentForMs = options.recentForMs ?? 15 * 60_000;
  const recent = new Map<string, number>();

  async function sweepOnce(): Promise<string[]> {
    const cutoff = Date.now() - recentForMs;
    for (const [eventId, at] of recent) if (at < cutoff) recent.delete(eventId);
    const eventIds = [...new Set([...(await options.listedEvents()), ...recent.keys()])];
    await Promise.all(
      eventIds.map(async (eventId) => {
        const view = await queue.sweep(eventId);
        meter.record(eventId, view.nowMs, view.admittedTotal);
      }),
    );
    return eventIds;
  }

  const job = periodicJob({
    name: 'queue-sweep',
    intervalMs,
    run: sweepOnce,
    logger,
    failureMessage: 'queue sweep failed; retrying next tick',
  });

  return {
    touch(eventId) {
      recent.set(eventId, Date.now());
    },
    start: job.start,
    stop: job.stop,
    sweepOnce,
  };
}
