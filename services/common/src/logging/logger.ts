import { type DestinationStream, type Logger, pino } from 'pino';
import { activeTraceIds } from '../tracing/tracing.js';

export type { Logger };

export interface LoggerOptions {
  /** The service name, on every line as `service`. */
  readonly service: string;
  readonly level?: string;
  /** Where lines go; stdout by default (tests pass a stream to read them). */
  readonly destination?: DestinationStream;
}

/** JSON lines on stdout; every line written inside a span carries `trace_id` and `span_id`. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const ids = activeTraceIds();
        return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
      },
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-internal-token"]'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
