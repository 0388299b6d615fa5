import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../db/database.js';
import { createServiceApp } from '../http/create-service-app.js';
import { createRedis, quitRedis } from '../redis/redis-client.js';
import { freePort } from '../testing/free-port.js';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import { isUnavailableDependency } from './unavailable-dependency.js';

describe('isUnavailableDependency', () => {
  it('tells a server away from a bug, through wrapping errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(isUnavailableDependency(refused)).toBe(true);
    expect(isUnavailableDependency(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
    expect(
      isUnavailableDependency(
        Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      ),
    ).toBe(true);
    expect(isUnavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isUnavailableDependency(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailableDependency('ECONNREFUSED')).toBe(false);
  });
});

describe('a request whose server is away answers 503 with Retry-After, not 500', () => {
  it('when Redis does not answer (a real client, pointed at a closed port)', async () => {
    const { logger, lines } = captureLogs('unavailable-redis');
    const redis = createRedis({
      url: `redis://127.0.0.1:${await freePort()}`,
      name: 'away',
      commandTimeoutMs: 500,
    });
    const app = createServiceApp({ name: 'unavailable-redis', logger, defaultMetrics: false });
    app.get('/count', async (c) => c.json({ count: await redis.incr('count') }));
    try {
      const response = await app.request('/count');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await readJson(response)).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(lines().some((line) => line.msg === 'a server this service depends on is away')).toBe(true);
    } finally {
      await quitRedis(redis);
    }
  });

  it('when PostgreSQL does not answer (a real pool, pointed at a closed port)', async () => {
    const { logger } = captureLogs('unavailable-postgres');
    const db = createDatabase({ primaryUrl: `postgres://urr@127.0.0.1:${await freePort()}/none` });
    const app = createServiceApp({ name: 'unavailable-postgres', logger, defaultMetrics: false });
    app.get('/one', async (c) => c.json(await db.primary.execute(sql`select 1`)));
    try {
      const response = await app.request('/one');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      await db.close();
    }
  });
});
