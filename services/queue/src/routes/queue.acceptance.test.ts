import { randomUUID } from 'node:crypto';
import { entryTokenCookieName, verifyEntryToken } from '@urr/common';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('queue-service acceptance: 1,000 concurrent entrants', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    // The relay is off here: the test reads the outbox list itself, and the relay's way to SQS is
    // covered below and in admission-outbox-relay.test.ts (moto is slow with thousands of FIFO messages).
    harness = await startQueueHarness({ sweepIntervalMs: 200, relay: false });
  });
  afterAll(async () => harness.close());

  it('numbers them in arrival order, never lets more than maxUsers in, and admits them first come first served', async () => {
    const maxUsers = 100;
    // Paused while they arrive, as the operator pauses a sale: nobody is admitted, so every position shows.
    const eventId = await harness.newEvent({ maxUsers, threshold: 0, status: 'paused' });
    const users = Array.from({ length: 1000 }, () => randomUUID());
    const base = `/api/v1/queue/${eventId}`;

    const started = performance.now();
    const entered = await Promise.all(
      users.map(async (userId) => {
        const response = await harness.call('POST', `${base}/enter`, userId);
        expect(response.status).toBe(200);
        return { userId, body: await readJson(response) };
      }),
    );
    const enterMs = performance.now() - started;

    const positions = entered.map(({ body }) => body.position as number);
    expect(entered.every(({ body }) => body.state === 'waiting' && body.queueStatus === 'paused')).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(users.map((_, index) => index + 1));
    // The arrival counter ordered them: each one's position is the counter value its enter drew.
    const counters = await harness.redis.hmget(tier2Keys.seen(eventId), ...users);
    for (const [index, { body }] of entered.entries()) {
      expect(body.queueNumber).toBe(Number(counters[index]));
      expect(body.position).toBe(body.queueNumber);
      expect(body.ahead).toBe(body.position - 1);
    }
    expect(Number(await harness.redis.get(tier2Keys.counter(eventId)))).toBe(1000);

    // Entering again keeps the place.
    const again = await Promise.all(
      entered
        .slice(0, 50)
        .map(async ({ userId }) => readJson(await harness.call('POST', `${base}/enter`, userId))),
    );
    expect(again.map((body) => body.position)).toEqual(entered.slice(0, 50).map(({ body }) => body.position));

    // Open the sale and let everyone through: each polls until admitted, heartbeats, then leaves.
    let sampling = true;
    const activeSamples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        activeSamples.push(await harness.redis.zcard(tier2Keys.active(eventId)));
        await sleep(1);
      }
    })();
    await harness.configure(eventId, { status: 'open' });
    const drainStarted = performance.now();
    const admittedTokens = await Promise.all(
      entered.map(async ({ userId }) => {
        await sleep(Math.random() * 200);
        for (;;) {
          const body = await readJson(await harness.call('GET', `${base}/status`, userId));
          if (body.state === 'admitted') {
            expect((await harness.call('POST', `${base}/heartbeat`, userId)).status).toBe(200);
            const left = await readJson(await harness.call('POST', `${base}/leave`, userId));
            expect(left.state).toBe('not-in-line');
            return { userId, token: body.entryToken as string };
          }
          expect(body.state).toBe('waiting');
          // Like a considerate client: the further back, the slower the polling.
          await sleep(Math.min(2000, 100 + body.position * 5) * (0.75 + Math.random() / 2));
        }
      }),
    );
    const drainMs = performance.now() - drainStarted;
    sampling = false;
    await sampler;

    expect(activeSamples.length).toBeGreaterThan(100);
    expect(Math.max(...activeSamples)).toBeLessThanOrEqual(maxUsers);
    expect(Math.max(...activeSamples)).toBe(maxUsers);
    for (const { userId, token } of admittedTokens.slice(0, 20)) {
      const claims = await verifyEntryToken(token, harness.config.ENTRY_TOKEN_SECRET, { eventId });
      expect(claims.userId).toBe(userId);
    }

    // First come, first served: admission times follow the arrival numbers.
    const admittedAt = await harness.redis.hmget(tier2Keys.activeSeen(eventId), ...users);
    const byArrival = entered
      .map(({ body }, index) => ({ position: body.queueNumber as number, at: Number(admittedAt[index]) }))
      .sort((a, b) => a.position - b.position);
    for (let index = 1; index < byArrival.length; index += 1)
      expect(byArrival[index]?.at).toBeGreaterThanOrEqual(byArrival[index - 1]?.at ?? 0);

    // Every admission and every leave was written to the outbox exactly once, admissions in arrival order.
    const messages = await harness.outboxMessages();
    const admitted = messages.filter((message) => message.type === 'queue.admitted');
    expect(admitted).toHaveLength(1000);
    expect(new Set(admitted.map((message) => message.userId)).size).toBe(1000);
    expect(admitted.map((message) => message.position)).toEqual(users.map((_, index) => index + 1));
    expect(messages.filter((message) => message.type === 'queue.left')).toHaveLength(1000);
    expect(messages).toHaveLength(2000);
    expect(new Set(messages.map((message) => message.id)).size).toBe(messages.length);

    console.info(
      `1,000 entrants: enter ${enterMs.toFixed(0)} ms; drain through ${maxUsers} slots ${drainMs.toFixed(0)} ms; ` +
        `${activeSamples.length} samples of the active count, max ${Math.max(...activeSamples)}`,
    );
  }, 120_000);
});

describe('queue-service acceptance: abandoned slots, heartbeats and hand-off', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ activeTtlSeconds: 1, sweepIntervalMs: 100 });
  });
  afterAll(async () => harness.close());

  it('hands an abandoned slot to the next in line after the TTL, without anyone calling', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const base = `/api/v1/queue/${eventId}`;
    const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];

    const aliceEntered = await harness.call('POST', `${base}/enter`, alice);
    const aliceBody = await readJson(aliceEntered);
    expect(aliceBody.state).toBe('admitted');
    expect(aliceEntered.headers.get('set-cookie')).toMatch(
      new RegExp(
        `^${entryTokenCookieName}=${aliceBody.entryToken}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax`,
      ),
    );
    expect((await readJson(await harness.call('POST', `${base}/enter`, bob))).position).toBe(1);
    expect((await readJson(await harness.call('POST', `${base}/enter`, carol))).position).toBe(2);

    // Alice goes quiet. Nobody calls: the sweeper expires her slot and Bob takes it.
    await until('bob to hold the slot', async () =>
      (await harness.redis.zscore(tier2Keys.active(eventId), bob)) === null ? undefined : true,
    );
    expect(await harness.redis.zrange(tier2Keys.active(eventId), 0, -1)).toEqual([bob]);
    const [aliceAt, bobAt] = (await harness.redis.hmget(tier2Keys.activeSeen(eventId), alice, bob)).map(
      Number,
    );
    expect((bobAt ?? 0) - (aliceAt ?? 0)).toBeGreaterThanOrEqual(1000);

    const bobStatus = await readJson(await harness.call('GET', `${base}/status`, bob));
    expect(bobStatus.state).toBe('admitted');
    expect(bobStatus.entryToken).toEqual(expect.any(String));
    expect((await readJson(await harness.call('GET', `${base}/status`, carol))).position).toBe(1);

    // Alice's late heartbeat finds the slot gone; entering again puts her at the back with a new number.
    expect((await readJson(await harness.call('POST', `${base}/heartbeat`, alice))).state).toBe(
      'not-in-line',
    );
    const aliceAgain = await readJson(await harness.call('POST', `${base}/enter`, alice));
    expect(aliceAgain).toMatchObject({ state: 'waiting', queueNumber: 4, position: 2, ahead: 1 });
    expect(aliceAgain.queueNumber).toBeGreaterThan(aliceBody.queueNumber);

    const messages = await harness.messagesOf(eventId, 3);
    expect(messages.slice(0, 3).map((message) => [message.type, message.userId])).toEqual([
      ['queue.admitted', alice],
      ['queue.expired', alice],
      ['queue.admitted', bob],
    ]);
  });

  it('keeps a slot while heartbeats come, and hands it on the moment its holder leaves', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const base = `/api/v1/queue/${eventId}`;
    const [alice, bob] = [randomUUID(), randomUUID()];
    expect((await readJson(await harness.call('POST', `${base}/enter`, alice))).state).toBe('admitted');
    expect((await readJson(await harness.call('POST', `${base}/enter`, bob))).state).toBe('waiting');

    for (let beat = 0; beat < 8; beat += 1) {
      await sleep(300);
      const body = await readJson(await harness.call('POST', `${base}/heartbeat`, alice));
      expect(body.state).toBe('admitted');
      expect(body.entryToken).toEqual(expect.any(String));
    }
    expect((await readJson(await harness.call('GET', `${base}/status`, bob))).state).toBe('waiting');

    const left = await harness.call('POST', `${base}/leave`, alice, {
      cookie: `${entryTokenCookieName}=${(await readJson(await harness.call('GET', `${base}/status`, alice))).entryToken}`,
    });
    expect(left.headers.get('set-cookie')).toMatch(new RegExp(`^${entryTokenCookieName}=; Max-Age=0`));
    expect(await harness.redis.zrange(tier2Keys.active(eventId), 0, -1)).toEqual([bob]);
    // One script removed Alice and admitted Bob: both messages carry the id prefix of that one call.
    const messages = await harness.messagesOf(eventId, 3);
    expect(messages.slice(0, 3).map((message) => [message.type, message.userId])).toEqual([
      ['queue.admitted', alice],
      ['queue.left', alice],
      ['queue.admitted', bob],
    ]);
    const callOf = (id: string) => id.slice(0, id.lastIndexOf(':'));
    expect(callOf(messages[2]?.id ?? '')).toBe(callOf(messages[1]?.id ?? ''));
  });
});
