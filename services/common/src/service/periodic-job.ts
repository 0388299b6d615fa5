import type { Logger } from '../logging/logger.js';

export interface PeriodicJob {
  /** Runs now, then `intervalMs` after each run finished. Calling it again changes nothing. */
  readonly start: () => void;
  /** Stops scheduling and waits for a run in progress. */
  readonly stop: () => Promise<void>;
}

/**
 * The one way a service repeats background work: one run at a time, the next `intervalMs` after the last
 * finished, a failure logged (`failureMessage`, at warn) and the next run coming as usual.
 */
export function periodicJob(options: {
  readonly name: string;
  readonly intervalMs: number;
  readonly run: () => Promise<unknown>;
  readonly logger: Logger;
  /** @default '<name> failed; retrying at the next interval' */
  readonly failureMessage?: string;
  /** Fields logged with a failure, e.g. the queue it reads. */
  readonly failureFields?: Readonly<Record<string, unknown>>;
}): PeriodicJob {
  const failureMessage = options.failureMessage ?? `${options.name} failed; retrying at the next interval`;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  const tick = () => {
    current = options
      .run()
      .then(
        () => undefined,
        (error: unknown) =>
          options.logger.warn({ err: error, job: options.name, ...options.failureFields }, failureMessage),
      )
      .finally(() => {
        if (running) timer = setTimeout(tick, options.intervalMs);
      });
  };
  return {
    start() {
      if (running) return;
      running = true;
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}
