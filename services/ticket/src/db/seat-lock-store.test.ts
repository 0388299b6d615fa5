import { randomUUID } from 'node:crypto';
import { createRedis, quitRedis, type Redis } from '@urr/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seatLockKey, seatTokenSequenceKey } from './seat-lock-keys.js';
import { createSeatLocks } from './seat-lock-store.js';

let redis: Redis;

beforeAll(() => {
  redis = createRedis({ url: process.env.REDIS_URL ?? '', name: 'seat-lock-test' });
});
afterAll(async () => {
  await quitRedis(redis);
});

describe('seat locks on Redis', () => {
  it('locks all asked-for seats or none, each with a fresh fencing token, under the design key names', async () => {
    const locks = createSeatLocks({ redis, ttlSeconds: 420 });
    const eventId = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await locks.acquire(eventId, [a, b], 'reservation-1');
    expect(first).toMatchObject({
      acquired: true,
      locks: [
        { seatId: a, token: 1 },
        { seatId: b, token: 1 },
      ],
    });
    expect(await redis.get(seatLockKey(eventId, a))).toBe('1:reservation-1');
    expect(await redis.pttl(seatLockKey(eventId, a))).toBeGreaterThan(419_000);
    expect(await redis.get(`seat:${eventId}:${a}:token_seq`)).toBe('1');

    expect(await locks.acquire(eventId, [c, b], 'reservation-2')).toEqual({ acquired: false, heldSeatId: b });
    expect(await redis.exists(seatLockKey(eventId, c))).toBe(0);
  });

  it('releases only locks still carrying their own value, and issues newer tokens afterwards', async () => {
    const locks = createSeatLocks({ redis, ttlSeconds: 420 });
    const eventId = randomUUID();
    const seat = randomUUID();
    const first = await locks.acquire(eventId, [seat], 'r1');
    if (!first.acquired) throw new Error('not acquired');
    const stale = { ...first.locks[0]!, token: 99 };
    expect(await locks.release([stale])).toBe(0);
    expect(await locks.release(first.locks)).toBe(1);
    const second = await locks.acquire(eventId, [seat], 'r2');
    expect(second).toMatchObject({ acquired: true, locks: [{ token: 2 }] });
  });

  it('lets a lock lapse after its TTL so the next buyer can take the seat', async () => {
    const locks = createSeatLocks({ redis, ttlSeconds: 1 });
    const eventId = randomUUID();
    const seat = randomUUID();
    await locks.acquire(eventId, [seat], 'r1');
    expect(await locks.acquire(eventId, [seat], 'r2')).toMatchObject({ acquired: false });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await locks.acquire(eventId, [seat], 'r2')).toMatchObject({
      acquired: true,
      locks: [{ token: 2 }],
    });
  });

  it('raises a token sequence that fell behind, never lowers one', async () => {
    const locks = createSeatLocks({ redis, ttlSeconds: 420 });
    const eventId = randomUUID();
    const seat = randomUUID();
    await locks.raiseSequence(eventId, seat, 40);
    await locks.raiseSequence(eventId, seat, 7);
    expect(await redis.get(seatTokenSequenceKey(eventId, seat))).toBe('40');
    expect(await locks.acquire(eventId, [seat], 'r')).toMatchObject({ locks: [{ token: 41 }] });
  });
});
