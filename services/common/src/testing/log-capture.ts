import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logging/logger.js';

/** A real pino logger whose JSON lines are kept in memory, for tests that assert on log output. */
export function captureLogs(service = 'test-service'): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ service, level: 'debug', destination });
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
