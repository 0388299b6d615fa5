import type { Logger } from '@urr/common';

export interface BatchLoop {
  readonly start: () => void;
  /** Runs the next batch now instead of after the interval. */
  readonly wake: () => void;
  /** Finishes the batch in progress and stops. */
  readonly stop: () => Promise<void>;
}

/**
 * Runs `runBatch` again at once while it finds a full batch, else after `intervalMs`; a failed batch is
 * logged and retried at the next interval.
 */
export function loopBatches(options: {
  readonly name: string;
  readonly runBatch: () => Promise<number>;
  readonly batchSize: number;
  readonly intervalMs: number;
  readonly logger: Logger;
}): BatchLoop {
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let woken = false;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  return {
    start: () => {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            if ((await options.runBatch()) < options.batchSize) await pause(options.intervalMs);
          } catch (error) {
            options.logger.error(
              { err: error, job: options.name },
              'batch failed; retrying at the next interval',
            );
            await pause(options.intervalMs);
          }
        }
      })();
    },
    wake: () => {
      if (wake) {
        const resolve = wake;
        wake = undefined;
        resolve();
      } else woken = true;
    },
    stop: async () => {
      running = false;
      woken = true;
      wake?.();
      await loop;
    },
  };
}
