import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from './process-metrics.js';

/** The label for requests no route matched, so scans of random paths cannot blow up the series count. */
export const unmatchedRoute = 'unmatched';

export interface HttpMetrics {
  readonly registry: Registry;
  readonly middleware: MiddlewareHandler<{ Variables: { routeUnmatched?: boolean; metricsRoute?: string } }>;
}

/** A registry of its own (so two apps in one test process never share series) with process metrics. */
export function createHttpMetrics(options: { service: string; defaultMetrics?: boolean }): HttpMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectProcessMetrics(registry);
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    middleware: async (c, next) => {
      const stop = duration.startTimer();
      try {
        await next();
      } finally {
        const route = c.get('metricsRoute') ?? (c.get('routeUnmatched') ? unmatchedRoute : routePath(c, -1));
        stop({ method: c.req.method, route, status_code: String(c.res.status) });
      }
    },
  };
}
