import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedis, pingRedis, quitRedis } from './redis-client.js';

const url = process.env.REDIS_URL!;

describe('createRedis', () => {
  it('talks to the real Redis, answers the readiness ping, and quits cleanly', async () => {
    const redis = createRedis({ url, name: 'common-test' });
    await expect(pingRedis(redis)).resolves.toBeUndefined();
    const key = `common-test:${randomUUID()}`;
    await redis.set(key, 'value', 'EX', 30);
    expect(await redis.get(key)).toBe('value');
    expect(await redis.client('GETNAME')).toBe('common-test');
    await redis.del(key);
    await quitRedis(redis);
    expect(redis.status).toBe('end');
    await expect(quitRedis(redis)).resolves.toBeUndefined();
  });

  it('fails the readiness ping fast instead of hanging when Redis is unreachable', async () => {
    const redis = createRedis({
      url: 'redis://127.0.0.1:1',
      name: 'common-test-down',
      commandTimeoutMs: 500,
    });
    await expect(pingRedis(redis)).rejects.toThrow();
    await quitRedis(redis);
  });
});
