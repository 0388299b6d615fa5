import { HttpProblem, type Logger, type Redis } from '@urr/common';
import type { MiddlewareHandler } from 'hono';
import {
  type RateLimitCategory,
  rateLimitCategories,
  rateLimitCategoryOf,
  rateLimitKey,
  rateLimitWindowSeconds,
} from '../domain/rate-limit-rules.js';
import type { GatewayEnv } from '../gateway-env.js';

/**
 * A fixed window per client that opens with its first request: INCR, PEXPIRE on the first, and the time
 * left, in one script so concurrent requests on any gateway replica count exactly.
 */
const countScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type CountingRedis = Redis & { urrRateLimitCount(key: string, windowMs: number): Promise<[number, number]> };

export interface RateLimitState {
  readonly category: RateLimitCategory;
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) of one answer. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'ratelimit-limit': String(state.limit),
    'ratelimit-remaining': String(state.remaining),
    'ratelimit-reset': String(state.resetSeconds),
    'ratelimit-policy': `${state.limit};w=${rateLimitWindowSeconds}`,
  };
}

/**
 * Filter 4: per client (the signed-in user, else the client address) and category, as the seed sets them.
 * Over the budget: 429 with Retry-After. While Redis is unreachable requests pass (and it is logged): an
 * outage of the limiter must not become an outage of the site.
 */
export function rateLimit(options: {
  readonly redis: Redis;
  readonly logger: Logger;
}): MiddlewareHandler<GatewayEnv> {
  const redis = options.redis as CountingRedis;
  if (typeof redis.urrRateLimitCount !== 'function')
    redis.defineCommand('urrRateLimitCount', { numberOfKeys: 1, lua: countScript });
  const windowMs = rateLimitWindowSeconds * 1000;

  return async (c, next) => {
    const category = rateLimitCategoryOf(c.var.canonicalPath);
    const clientId = c.var.user?.id ?? c.var.clientIp;
    let state: RateLimitState | undefined;
    try {
      const [count, ttlMs] = await redis.urrRateLimitCount(rateLimitKey(category, clientId), windowMs);
      const limit = rateLimitCategories[category];
      state = {
        category,
        limit,
        remaining: Math.max(0, limit - count),
        resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      };
      if (count > limit)
        throw new HttpProblem(
          429,
          {
            type: 'urn:urr:problem:rate-limited',
            title: 'Too Many Requests',
            detail: `more than ${limit} ${category} requests a minute; try again in ${state.resetSeconds} s`,
          },
          { ...rateLimitHeaders(state), 'retry-after': String(state.resetSeconds) },
        );
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      (c.var.logger ?? options.logger).warn(
        { err: error, category },
        'rate limiter unavailable; letting the request through',
      );
    }
    await next();
    if (state)
      for (const [name, value] of Object.entries(rateLimitHeaders(state))) c.res.headers.set(name, value);
  };
}
