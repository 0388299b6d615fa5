import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from '../errors/http-problem.js';

/** The header that carries `INTERNAL_API_TOKEN` on service-to-service calls. */
export const internalTokenHeader = 'x-internal-token';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * A check of presented tokens against `expected`, in constant time whatever the lengths, so the answer time
 * tells nothing about the token. The expected token's digest is made once, here.
 */
function internalTokenMatcher(expected: string): (presented: string | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (presented) => presented !== undefined && timingSafeEqual(digest(presented), expectedDigest);
}

/** Guards internal routes: `app.use('/internal/*', internalToken({ token: config.INTERNAL_API_TOKEN }))`. */
export function internalToken(options: { readonly token: string }): MiddlewareHandler {
  if (options.token.length < 32) throw new Error('the internal API token must be at least 32 characters');
  const matches = internalTokenMatcher(options.token);
  return async (c, next) => {
    if (!matches(c.req.header(internalTokenHeader)))
      throw new HttpProblem(401, {
        type: 'urn:urr:problem:internal-token',
        title: 'Unauthorized',
        detail: `internal routes need a valid ${internalTokenHeader} header`,
      });
    await next();
  };
}
