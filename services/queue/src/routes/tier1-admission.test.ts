import { randomUUID } from 'node:crypto';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { readJson } from '@urr/common/testing/read-json';
import { vwrTokenCookieName } from '@urr/common/tokens/vwr-token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QueueHarness, startQueueHarness } from '../testing/queue-harness.js';

describe('Tier-2 enter needs the Tier-1 pass while the waiting room is active (real Redis, moto DynamoDB)', () => {
  let harness: QueueHarness;
  beforeAll(async () => {
    harness = await startQueueHarness({ waitingRoomCacheMs: 0 });
  });
  afterAll(async () => harness.close());

  const enter = (eventId: string, userId: string, carrier: Record<string, string> = {}) =>
    harness.call('POST', `/api/v1/queue/${eventId}/enter`, userId, carrier);
  const asCookie = (pass: string) => ({ cookie: `theme=dark; ${vwrTokenCookieName}=${pass}` });
  const asHeader = (pass: string) => ({ 'x-vwr-token': pass });

  async function saleBehindWaitingRoom() {
    const eventId = await harness.newEvent({ maxUsers: 2, threshold: 2, status: 'open' });
    await harness.setWaitingRoom(eventId, true);
    return eventId;
  }

  async function expectNothingWritten(eventId: string) {
    expect(await harness.redis.get(tier2Keys.counter(eventId))).toBeNull();
    expect(await harness.redis.hlen(tier2Keys.seen(eventId))).toBe(0);
    expect(await harness.redis.zcard(tier2Keys.queue(eventId))).toBe(0);
    expect(await harness.redis.zcard(tier2Keys.active(eventId))).toBe(0);
    expect((await harness.outboxMessages()).filter((message) => message.eventId === eventId)).toEqual([]);
  }

  it('refuses a newcomer who comes straight to the queue, and writes nothing', async () => {
    const eventId = await saleBehindWaitingRoom();
    const response = await enter(eventId, randomUUID());
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await readJson(response)).toMatchObject({
      type: 'urn:urr:problem:tier1-pass-required',
      eventId,
      waitingRoom: `/vwr/${eventId}`,
    });
    await expectNothingWritten(eventId);
  });

  it('refuses a pass of another event, of another account, expired or forged, each with its own type', async () => {
    const eventId = await saleBehindWaitingRoom();
    const otherEvent = await saleBehindWaitingRoom();
    const [accountA, accountB] = [randomUUID(), randomUUID()];
    const cases: [string, string][] = [
      [await harness.tier1Pass(otherEvent, accountB), 'urn:urr:problem:tier1-pass-wrong-event'],
      [await harness.tier1Pass(eventId, accountA), 'urn:urr:problem:tier1-pass-other-account'],
      [
        await harness.tier1Pass(eventId, accountB, new Date(Date.now() - 601_000)),
        'urn:urr:problem:tier1-pass-expired',
      ],
      [
        `${(await harness.tier1Pass(eventId, accountB)).slice(0, -4)}AAAA`,
        'urn:urr:problem:tier1-pass-invalid',
      ],
    ];
    for (const [pass, type] of cases)
      for (const carrier of [asCookie(pass), asHeader(pass)]) {
        const response = await enter(eventId, accountB, carrier);
        expect(response.status).toBe(403);
        expect((await readJson(response)).type).toBe(type);
      }
    await expectNothingWritten(eventId);
    // Account A's own pass still lets A in: it was refused for B only.
    const a = await enter(eventId, accountA, asHeader(await harness.tier1Pass(eventId, accountA)));
    expect(a.status).toBe(200);
  });

  it('lets a pass holder line up (cookie or header); once in line or admitted, entering again needs no pass', async () => {
    const eventId = await saleBehindWaitingRoom();
    const users = [randomUUID(), randomUUID(), randomUUID()];
    const [first, second, third] = users as [string, string, string];
    expect(
      (await readJson(await enter(eventId, first, asCookie(await harness.tier1Pass(eventId, first))))).state,
    ).toBe('admitted');
    expect(
      (await readJson(await enter(eventId, second, asHeader(await harness.tier1Pass(eventId, second)))))
        .state,
    ).toBe('admitted');
    const waiting = await readJson(
      await enter(eventId, third, asHeader(await harness.tier1Pass(eventId, third))),
    );
    expect(waiting).toMatchObject({ state: 'waiting', position: 1 });

    // The Tier-1 pass lives 600 s; a fan who reloads the page later keeps what they have without one.
    const again = await Promise.all(users.map(async (userId) => readJson(await enter(eventId, userId))));
    expect(again.map((body) => [body.state, body.queueNumber])).toEqual([
      ['admitted', 1],
      ['admitted', 2],
      ['waiting', 3],
    ]);
  });

  it('asks for no pass where the event has no active waiting room (none at all, or switched off)', async () => {
    const withoutRoom = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    expect((await readJson(await enter(withoutRoom, randomUUID()))).state).toBe('admitted');
    const switchedOff = await harness.newEvent({ maxUsers: 1, threshold: 1, status: 'open' });
    await harness.setWaitingRoom(switchedOff, false);
    // Another sale's pass in the cookie does not stand in the way either.
    const stray = asCookie(await harness.tier1Pass(withoutRoom, randomUUID()));
    expect((await readJson(await enter(switchedOff, randomUUID(), stray))).state).toBe('admitted');
  });

  it('under a concurrent rush of bots and fans, only the fans with their own pass take places', async () => {
    const eventId = await saleBehindWaitingRoom();
    const fans = Array.from({ length: 20 }, () => randomUUID());
    const fanPasses = await Promise.all(fans.map((userId) => harness.tier1Pass(eventId, userId)));
    const otherSale = await saleBehindWaitingRoom();
    const bot = async (carrier: (userId: string) => Promise<Record<string, string>>) => {
      const userId = randomUUID();
      return { userId, carrier: await carrier(userId), fan: false };
    };
    const everyone = [
      ...fans.map((userId, index) => ({ userId, carrier: asCookie(fanPasses[index] ?? ''), fan: true })),
      // Bots without a pass, with a fan's pass, and with a pass of another sale of their own.
      ...(await Promise.all(Array.from({ length: 20 }, () => bot(async () => ({}))))),
      ...(await Promise.all(fanPasses.map((pass) => bot(async () => asHeader(pass))))),
      ...(await Promise.all(
        Array.from({ length: 10 }, () =>
          bot(async (userId) => asHeader(await harness.tier1Pass(otherSale, userId))),
        ),
      )),
    ].sort(() => Math.random() - 0.5);
    const statuses = await Promise.all(
      everyone.map(async ({ userId, carrier, fan }) => ({
        fan,
        status: (await enter(eventId, userId, carrier)).status,
      })),
    );
    expect(statuses.filter(({ fan }) => fan).every(({ status }) => status === 200)).toBe(true);
    expect(statuses.filter(({ fan }) => !fan).every(({ status }) => status === 403)).toBe(true);

    expect(Number(await harness.redis.get(tier2Keys.counter(eventId)))).toBe(fans.length);
    const inLine = [
      ...(await harness.redis.zrange(tier2Keys.queue(eventId), 0, -1)),
      ...(await harness.redis.zrange(tier2Keys.active(eventId), 0, -1)),
    ];
    expect(inLine.sort()).toEqual([...fans].sort());
  });
});
