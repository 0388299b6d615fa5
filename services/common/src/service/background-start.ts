import type { Logger } from '../logging/logger.js';

export interface StartableWork {
  readonly start: () => Promise<void>;
  readonly stop: () => Promise<void>;
}

export interface BackgroundStartOptions {
  readonly logger: Logger;
  /** @default process.exit */
  readonly exit?: (code: number) => void;
}

/**
 * Starts work that the service's HTTP answers need not wait for, such as a Kafka consumer: joining its
 * group waits for a killed member's session to lapse (30 s), and the service answers meanwhile. A start
 * that fails ends the process, as it would have at boot, so that the orchestrator restarts it; one that
 * fails because the service is stopping is not a failure. Answers the stop for the service's close list.
 * docs/adr/0059-consumers-join-behind-serving.md
 */
export function startInBackground(
  name: string,
  work: StartableWork,
  options: BackgroundStartOptions,
): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const startedAt = Date.now();
  work.start().then(
    () => options.logger.info({ work: name, ms: Date.now() - startedAt }, `${name} started`),
    (error: unknown) => {
      if (stopping) return;
      options.logger.fatal({ err: error, work: name }, `${name} could not start; exiting so it is restarted`);
      exit(1);
    },
  );
  return async () => {
    stopping = true;
    await work.stop();
  };
}
