import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from '../errors/http-problem.js';

/** The header that carries `INTERNAL_API_TOKEN` on service-to-service calls. */
export const internalTokenHeader = 'x-internal-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares in constant time whatever the lengths, so the answer time tells nothing about the token. */
export function internalTokenMatches(presented: string | undefined, expected: string): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

/** Guards internal routes: `app.use('/internal/*', internalToken({ token: config.INTERNAL_API_TOKEN }))`. */
export function internalToken(options: { readonly token: string }): MiddlewareHandler {
  if (options.token.length < 32) throw new Error('the internal API token must be at least 32 characters');
  const expected = digest(options.token);
  return async (c, next) => {
    const presented = c.req.header(internalTokenHeader);
    if (presented === undefined || !timingSafeEqual(digest(presented), expected))
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:internal-token',
        title: 'Unauthorized',
        detail: `internal routes need a valid ${internalTokenHeader} header`,
      });
    await next();
  };
}
