import { randomUUID } from 'node:crypto';
import { verifyEntryToken } from '@urr/common';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('entry passes name the Tier-2 slot they were issued for (real Redis)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness();
  });
  afterAll(async () => harness.close());

  const call = async (method: 'GET' | 'POST', eventId: string, action: string, userId: string) =>
    readJson(await harness.call(method, `/api/v1/queue/${eventId}/${action}`, userId));
  const slotOf = async (body: { entryToken: string }) =>
    (await verifyEntryToken(body.entryToken, harness.config.ENTRY_TOKEN_SECRET)).slot;

  it('keeps the slot, and the arrival number that names it, while its holder enters again, polls and heartbeats', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const holder = randomUUID();
    const admitted = await call('POST', eventId, 'enter', holder);
    expect(admitted.state).toBe('admitted');
    expect(await slotOf(admitted)).toBe(String(admitted.queueNumber));
    for (const [method, action] of [
      ['POST', 'enter'],
      ['GET', 'status'],
      ['POST', 'heartbeat'],
    ] as const) {
      const again = await call(method, eventId, action, holder);
      expect(again).toMatchObject({ state: 'admitted', queueNumber: admitted.queueNumber });
      expect(await slotOf(again)).toBe(await slotOf(admitted));
    }
  });

  it('gives whoever leaves and comes back a new number at the back, and a pass naming the new slot', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const [alice, bob] = [randomUUID(), randomUUID()];
    const first = await call('POST', eventId, 'enter', alice);
    expect((await call('POST', eventId, 'enter', bob)).state).toBe('waiting');
    expect((await call('POST', eventId, 'leave', alice)).state).toBe('not-in-line');
    expect(await harness.redis.hget(tier2Keys.seen(eventId), alice)).toBeNull();

    const back = await call('POST', eventId, 'enter', alice);
    expect(back).toMatchObject({ state: 'waiting', queueNumber: 3, position: 1 });
    expect((await call('POST', eventId, 'leave', bob)).state).toBe('not-in-line');
    const readmitted = await call('GET', eventId, 'status', alice);
    expect(readmitted.state).toBe('admitted');
    expect(await slotOf(readmitted)).toBe('3');
    expect(await slotOf(readmitted)).not.toBe(await slotOf(first));
  });
});

describe('a lapsed slot is spent (real Redis, 1 s slot TTL, sweeper)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ activeTtlSeconds: 1, sweepIntervalMs: 100 });
  });
  afterAll(async () => harness.close());

  it('sends whoever comes back after their slot lapsed to the back with one new, higher number, however often they call', async () => {
    const eventId = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    const base = `/api/v1/queue/${eventId}`;
    const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
    const aliceFirst = await readJson(await harness.call('POST', `${base}/enter`, alice));
    expect(aliceFirst).toMatchObject({ state: 'admitted', queueNumber: 1 });
    await harness.call('POST', `${base}/enter`, bob);
    await harness.call('POST', `${base}/enter`, carol);
    await until(
      'alice to lose her slot',
      async () => (await harness.redis.hget(tier2Keys.seen(eventId), alice)) === null,
    );

    // Her impatient browser sends many enters at once: one new number, behind Carol, for all of them.
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => readJson(await harness.call('POST', `${base}/enter`, alice))),
    );
    const numbers = new Set(answers.map((body) => body.queueNumber));
    expect(numbers).toEqual(new Set([4]));
    expect(Number(await harness.redis.get(tier2Keys.counter(eventId)))).toBe(4);
    const carolNow = await readJson(await harness.call('GET', `${base}/status`, carol));
    const aliceNow = await readJson(await harness.call('GET', `${base}/status`, alice));
    expect(aliceNow.queueNumber).toBeGreaterThan(carolNow.queueNumber);
    // Slots lapse every second here, so Carol may be admitted by now; while both wait, Alice is behind.
    if (carolNow.state === 'waiting' && aliceNow.state === 'waiting')
      expect(aliceNow.position).toBeGreaterThan(carolNow.position);
  });
});
