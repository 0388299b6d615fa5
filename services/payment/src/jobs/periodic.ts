import type { Logger } from '@urr/common';

export interface PeriodicJob {
  /** Stops scheduling and waits for a run in progress. */
  readonly stop: () => Promise<void>;
}

/** Runs `run` every `intervalMs` (after the previous run finished), logging failures and carrying on. */
export function startPeriodic(options: {
  readonly name: string;
  readonly intervalMs: number;
  readonly run: () => Promise<unknown>;
  readonly logger: Logger;
}): PeriodicJob {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running = options
      .run()
      .then(
        () => undefined,
        (error) => options.logger.error({ err: error, job: options.name }, 'periodic job failed'),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
