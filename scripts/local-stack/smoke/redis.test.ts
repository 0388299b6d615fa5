import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { localStackEndpoints } from '../stack-env.js';

describe('Redis smoke test', () => {
  const redis = new Redis(localStackEndpoints().redisUrl, { maxRetriesPerRequest: 1 });
  afterAll(async () => {
    redis.disconnect();
  });

  it('grants SET NX to exactly one of two contenders, with a TTL', async () => {
    const key = `smoke:seat:${process.pid}:${Date.now()}`;
    const [first, second] = await Promise.all([
      redis.set(key, 'fan-1', 'EX', 420, 'NX'),
      redis.set(key, 'fan-2', 'EX', 420, 'NX'),
    ]);
    expect([first, second].filter((reply) => reply === 'OK')).toHaveLength(1);
    expect(await redis.ttl(key)).toBeGreaterThan(400);
    await redis.del(key);
  });

  it('runs a Lua script atomically', async () => {
    const key = `smoke:counter:${process.pid}:${Date.now()}`;
    const script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
    const results = await Promise.all(Array.from({ length: 20 }, () => redis.eval(script, 1, key, 5)));
    expect(Math.max(...(results as number[]))).toBe(100);
    await redis.del(key);
  });
});
