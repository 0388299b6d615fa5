import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { SpanKind, withSpan } from '../tracing/tracing.js';

/** One server span per request, continuing the caller's trace from its `traceparent` header. */
export function traceRequests(): MiddlewareHandler {
  return (c, next) =>
    withSpan(
      `${c.req.method} ${c.req.path}`,
      { kind: SpanKind.SERVER, carrier: c.req.header(), attributes: { 'http.request.method': c.req.method } },
      async (span) => {
        await next();
        span.updateName(`${c.req.method} ${routePath(c, -1)}`);
        span.setAttribute('http.response.status_code', c.res.status);
      },
    );
}
