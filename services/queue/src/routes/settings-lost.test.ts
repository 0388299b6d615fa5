import { randomUUID } from 'node:crypto';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

/** Redis restarted and lost the operator's keys: what Tier 2 does until the operator writes them again. */
describe('Tier 2 without its settings (Redis lost them)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({
      defaults: { maxUsers: 1000, threshold: 0, status: 'open' },
      waitingRoomCacheMs: 0,
    });
  });
  afterAll(async () => harness.close());

  const enter = async (eventId: string, userId: string) =>
    readJson(await harness.call('POST', `/api/v1/queue/${eventId}/enter`, userId));
  const status = async (eventId: string, userId: string) =>
    readJson(await harness.call('GET', `/api/v1/queue/${eventId}/status`, userId));

  it("admits nobody of an operator-run event, however many arrive at once, and never uses the service's defaults", async () => {
    const eventId = await harness.newEvent();
    await harness.setWaitingRoom(eventId, false);
    const fans = Array.from({ length: 30 }, () => randomUUID());
    const answers = await Promise.all(fans.map((fan) => enter(eventId, fan)));
    expect(answers.map((answer) => answer.state)).toEqual(fans.map(() => 'waiting'));
    await Promise.all(fans.map((fan) => status(eventId, fan)));
    expect(await harness.redis.zcard(tier2Keys.active(eventId))).toBe(0);
  });

  it('keeps the arrivals in order and admits the first of them once the operator writes the settings again', async () => {
    const eventId = await harness.newEvent();
    await harness.setWaitingRoom(eventId, false);
    const fans = Array.from({ length: 5 }, () => randomUUID());
    for (const fan of fans) expect((await enter(eventId, fan)).state).toBe('waiting');
    await harness.configure(eventId, { maxUsers: 2, threshold: 0, status: 'open' });
    const after = await Promise.all(fans.map((fan) => status(eventId, fan)));
    expect(after.map((answer) => answer.state)).toEqual([
      'admitted',
      'admitted',
      'waiting',
      'waiting',
      'waiting',
    ]);
  });

  it('an event no operator runs (no counters item) still gets the service defaults', async () => {
    const eventId = await harness.newEvent();
    const fan = randomUUID();
    await enter(eventId, fan);
    expect((await status(eventId, fan)).state).toBe('admitted');
  });
});
