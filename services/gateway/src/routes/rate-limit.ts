import { HttpProblem, type Logger, type Redis, tier2Keys } from '@urr/common';
import type { MiddlewareHandler } from 'hono';
import {
  type RateLimitCategory,
  rateLimitCategories,
  rateLimitCategoryOf,
  rateLimitKey,
  rateLimitWindowSeconds,
} from '../domain/rate-limit-rules.js';
import type { GatewayEnv } from './gateway-env.js';

/**
 * A fixed window per client that opens with its first request: INCR, PEXPIRE on the first, and the time
 * left, in one script so concurrent requests on any gateway replica count exactly.
 */
const count = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
`;
const countScript = `${count}
return {count, ttl}
`;
/**
 * The same count, plus whether the entry pass's Tier-2 slot is live: the user holds a slot of the event
 * (`{eventId}:active`) under the arrival number the pass names (`{eventId}:seen`). queue-service's scripts
 * remove both when the user leaves or the slot lapses, and a new entry draws a new number (docs/adr/0009).
 * KEYS: 1 rate key, 2 active, 3 seen. ARGV: 1 window ms, 2 userId, 3 slot.
 */
const countWithSlotScript = `${count}
local live = 0
if redis.call('ZSCORE', KEYS[2], ARGV[2]) and redis.call('HGET', KEYS[3], ARGV[2]) == ARGV[3] then
  live = 1
end
return {count, ttl, live}
`;

type CountingRedis = Redis & {
  urrRateLimitCount(key: string, windowMs: number): Promise<[number, number]>;
  urrRateLimitCountWithSlot(
    key: string,
    activeKey: string,
    seenKey: string,
    windowMs: number,
    userId: string,
    slot: string,
  ): Promise<[number, number, number]>;
};

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
 * Filter 4: per client (the signed-in user, else the client address) and category, as the architecture sets them.
 * Over the budget: 429 with Retry-After. A booking write's entry pass has its slot checked in the same
 * Redis call. While Redis is unreachable requests pass (and it is logged): an outage of the limiter must
 * not become an outage of the site; the slot then stays unknown and filter 5 refuses the booking write.
 */
export function rateLimit(options: {
  readonly redis: Redis;
  readonly logger: Logger;
}): MiddlewareHandler<GatewayEnv> {
  const redis = options.redis as CountingRedis;
  if (typeof redis.urrRateLimitCount !== 'function')
    redis.defineCommand('urrRateLimitCount', { numberOfKeys: 1, lua: countScript });
  if (typeof redis.urrRateLimitCountWithSlot !== 'function')
    redis.defineCommand('urrRateLimitCountWithSlot', { numberOfKeys: 3, lua: countWithSlotScript });
  const windowMs = rateLimitWindowSeconds * 1000;

  return async (c, next) => {
    const category = rateLimitCategoryOf(c.get('canonicalPath'));
    const clientId = c.get('user')?.id ?? c.get('clientIp');
    const key = rateLimitKey(category, clientId);
    const pass = c.get('entryPass');
    let state: RateLimitState | undefined;
    try {
      let count: number;
      let ttlMs: number;
      if (pass && 'claims' in pass) {
        const { eventId, userId, slot } = pass.claims;
        let live: number;
        [count, ttlMs, live] = await redis.urrRateLimitCountWithSlot(
          key,
          tier2Keys.active(eventId),
          tier2Keys.seen(eventId),
          windowMs,
          userId,
          slot,
        );
        c.set('entryPass', { claims: pass.claims, slotLive: live === 1 });
      } else [count, ttlMs] = await redis.urrRateLimitCount(key, windowMs);
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
      (c.get('logger') ?? options.logger).warn(
        { err: error, category },
        'rate limiter unavailable; letting the request through',
      );
    }
    if (state)
      for (const [name, value] of Object.entries(rateLimitHeaders(state)))
        c.get('answerHeaders').set(name, value);
    await next();
  };
}
