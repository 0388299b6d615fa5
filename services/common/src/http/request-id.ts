import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export const requestIdHeader = 'x-request-id';
const acceptable = /^[\w.:-]{1,128}$/;

/**
 * Takes the caller's `x-request-id` when it is a sane token (the gateway's id follows a request through
 * every service), generates one otherwise, and echoes it on the response.
 */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const incoming = c.req.header(requestIdHeader);
    const id = incoming && acceptable.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.header(requestIdHeader, id);
    await next();
  };
}
