import { randomUUID } from 'node:crypto';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

/** Tier 1 let its first fans through at the opening; the operator has not opened Tier 2 yet. */
describe('a Tier-1 pass holder at a Tier-2 line still closed (real Redis, moto DynamoDB)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ waitingRoomCacheMs: 0 });
  });
  afterAll(async () => harness.close());

  async function closedSaleOpenedAt(opensAt: Date) {
    const eventId = await harness.newEvent({ maxUsers: 5, threshold: 0, status: 'closed' });
    await harness.setWaitingRoom(eventId, true, opensAt);
    return eventId;
  }
  const enterWithPass = async (eventId: string, userId: string) =>
    harness.call('POST', `/api/v1/queue/${eventId}/enter`, userId, {
      'x-vwr-token': await harness.tier1Pass(eventId, userId),
    });

  it('is told to come back in a moment (503, Retry-After), not that the line is closed, and takes no place', async () => {
    const eventId = await closedSaleOpenedAt(new Date(Date.now() - 2000));
    const fans = Array.from({ length: 10 }, () => randomUUID());
    const answers = await Promise.all(fans.map((fan) => enterWithPass(eventId, fan)));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect((await readJson(answer)).type).toBe('urn:urr:problem:queue-opening');
    }
    expect(await harness.redis.zcard(tier2Keys.queue(eventId))).toBe(0);
    await harness.configure(eventId, { status: 'open' });
    const again = await readJson(await enterWithPass(eventId, fans[0]!));
    expect(['waiting', 'admitted']).toContain(again.state);
  });

  it('hears the line is closed before the opening, long after it, and without a pass', async () => {
    const notYet = await closedSaleOpenedAt(new Date(Date.now() + 60_000));
    const longAgo = await closedSaleOpenedAt(new Date(Date.now() - 3_600_000));
    for (const eventId of [notYet, longAgo]) {
      const answer = await enterWithPass(eventId, randomUUID());
      expect(answer.status).toBe(409);
      expect((await readJson(answer)).type).toBe('urn:urr:problem:queue-closed');
    }
    const opening = await closedSaleOpenedAt(new Date(Date.now() - 2000));
    const withoutPass = await harness.call('POST', `/api/v1/queue/${opening}/enter`, randomUUID());
    expect(withoutPass.status).toBe(409);
    expect((await readJson(withoutPass)).type).toBe('urn:urr:problem:queue-closed');
  });
});
