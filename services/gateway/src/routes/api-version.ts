import { HttpProblem } from '@urr/common';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from './gateway-env.js';

export const apiVersionHeader = 'x-api-version';
export const currentApiVersion = 'v1';
const accepted = new Set(['v1', '1']);

/**
 * Filter 1: the API version. Every route is v1 today (the short aliases included); a client asking for
 * another version by header is told so instead of getting v1 answers it may misread.
 */
export function apiVersion(): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const requested = c.req.header(apiVersionHeader);
    if (requested !== undefined && !accepted.has(requested.trim().toLowerCase()))
      throw new HttpProblem(400, {
        type: 'urn:urr:problem:api-version',
        title: 'Bad Request',
        detail: `API version ${requested} is not served; use ${currentApiVersion}`,
      });
    c.get('upstreamHeaders').set(apiVersionHeader, currentApiVersion);
    c.get('answerHeaders').set(apiVersionHeader, currentApiVersion);
    await next();
  };
}
