import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.js';

const probePaths = new Set(['/health', '/ready', '/metrics']);

/**
 * Gives each request a child logger carrying its request id (`c.get('logger')`) and writes one line per
 * request when it ends. Probe and scrape requests log at debug so they do not drown the rest.
 */
export function accessLog(
  logger: Logger,
): MiddlewareHandler<{ Variables: { requestId: string; logger: Logger } }> {
  return async (c, next) => {
    const requestLogger = logger.child({ requestId: c.get('requestId') });
    c.set('logger', requestLogger);
    const startedAt = performance.now();
    await next();
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    };
    if (probePaths.has(c.req.path)) requestLogger.debug(line, 'request');
    else requestLogger.info(line, 'request');
  };
}
