import { inBatches } from '@urr/common/testing/in-batches';
import { testWaitingRoom, visitor, writeRoomSettings } from '@urr/vwr-api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceEvent } from './advance-event.js';

let room: Awaited<ReturnType<typeof testWaitingRoom>>;
beforeAll(async () => {
  room = await testWaitingRoom();
});
afterAll(() => room?.dynamo.destroy());

const uniqueEventId = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A clock the test moves; the Lambdas (and their one-second counters cache) read it, not the wall clock. */
function testClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set: (instant: number) => {
      now = instant;
    },
    /** Lets each container's cached counters item expire. */
    passCacheLifetime: () => {
      now += 1_001;
    },
  };
}

describe('pre-queue: arrivals before opensAt', () => {
  it('are shuffled once at the opening, and later arrivals queue after them in arrival order', async () => {
    const eventId = uniqueEventId('prequeue');
    const opensAt = Date.now() + 3_600_000;
    await writeRoomSettings(room.dynamo, room.tables, eventId, {
      active: true,
      admitStep: 10,
      opensAt: new Date(opensAt).toISOString(),
    });
    const clock = testClock(opensAt - 60_000);
    const lambda = room.container(clock.now);

    const early = Array.from({ length: 200 }, () => visitor(lambda, eventId));
    for (const fan of early) {
      const { body } = await fan.assign();
      expect(body).toMatchObject({ status: 'pre-queue', opensAt: new Date(opensAt).toISOString() });
    }
    expect(await advanceEvent(room.stores, eventId, clock.now())).toMatchObject({ action: 'before-opening' });

    clock.set(opensAt + 1_000);
    expect(await advanceEvent(room.stores, eventId, clock.now())).toMatchObject({
      action: 'advanced',
      servingCounter: 10,
    });
    clock.passCacheLifetime();
    const placeOf = async (fans: ReturnType<typeof visitor>[]) =>
      (await inBatches(fans.length, 16, (index) => fans[index]!.check())).map(
        ({ body }) => body.position as number,
      );

    const shuffled = await placeOf(early);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    // Arrival order would be 1, 2, 3, …; a shuffle rises from one arrival to the next about half the time.
    const rises = shuffled.slice(1).filter((position, index) => position > shuffled[index]!).length;
    expect(rises).toBeGreaterThan(60);
    expect(rises).toBeLessThan(140);

    const late = Array.from({ length: 30 }, () => visitor(lambda, eventId));
    const latePositions: number[] = [];
    for (const fan of late) latePositions.push((await fan.assign()).body.position);
    expect(latePositions).toEqual(Array.from({ length: 30 }, (_, index) => 201 + index));

    // Later cycles do not shuffle again: everyone keeps the place the opening gave them.
    clock.set(opensAt + 11_000);
    expect(await advanceEvent(room.stores, eventId, clock.now())).toMatchObject({ servingCounter: 20 });
    clock.passCacheLifetime();
    expect(await placeOf(early)).toEqual(shuffled);
    const admitted = (await inBatches(200, 16, (index) => early[index]!.check())).filter(
      ({ body }) => body.status === 'admitted',
    );
    expect(admitted.map(({ body }) => body.status)).toHaveLength(20);
  }, 60_000);
});

describe('several position shards', () => {
  it('are levelled each cycle, so everyone arriving after a cycle queues behind everyone before it', async () => {
    const eventId = uniqueEventId('levelled');
    await writeRoomSettings(room.dynamo, room.tables, eventId, {
      active: true,
      admitStep: 5,
      positionShards: 4,
    });
    const start = Date.now();
    const clock = testClock(start);
    const lambda = room.container(clock.now);
    const early = Array.from({ length: 41 }, () => visitor(lambda, eventId));
    const earlyPositions = (await inBatches(41, 16, (index) => early[index]!.assign())).map(
      ({ body }) => body.position,
    );
    expect(new Set(earlyPositions).size).toBe(41);

    expect(await advanceEvent(room.stores, eventId, start)).toMatchObject({ servingCounter: 5 });
    const counts = await room.stores.counters.readIssuedCounts(eventId, 1, 4);
    expect(new Set(counts).size).toBe(1);

    clock.passCacheLifetime();
    const late: number[] = [];
    for (let index = 0; index < 12; index += 1)
      late.push((await visitor(lambda, eventId).assign()).body.position);
    expect(Math.min(...late)).toBeGreaterThan(Math.max(...earlyPositions));

    // The skipped slots cost no admission: after one big step everyone still waiting is in.
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, admitStep: 1_000 });
    clock.set(start + 10_000);
    await advanceEvent(room.stores, eventId, clock.now());
    clock.passCacheLifetime();
    const answers = await inBatches(41, 16, (index) => early[index]!.check());
    expect(answers.every(({ body }) => body.status === 'admitted')).toBe(true);
    expect((await room.stores.counters.readRoom(eventId, true)).issuedTotal).toBe(53);
  }, 60_000);
});

describe('crediting abandoned positions', () => {
  it('skips those who left or stopped polling, so each step admits that many people still waiting', async () => {
    const eventId = uniqueEventId('credit');
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, admitStep: 10 });
    const start = Date.now();
    const clock = testClock(start);
    const lambda = room.container(clock.now);
    const fans = Array.from({ length: 40 }, () => visitor(lambda, eventId));
    for (const fan of fans) await fan.assign();

    expect(await advanceEvent(room.stores, eventId, start)).toMatchObject({
      servingCounter: 10,
      credited: 0,
    });

    // Positions 11 and 12 leave; 13–20 walk away without a word; everyone else keeps polling.
    await fans[10]!.leave();
    await fans[11]!.leave();
    clock.set(start + 5 * 60_000);
    await inBatches(20, 8, (index) => fans[20 + index]!.check());

    const next = await advanceEvent(room.stores, eventId, start + 5 * 60_000 + 1_000);
    expect(next).toMatchObject({ action: 'advanced', servingCounter: 30, admitted: 10, credited: 10 });
    clock.set(start + 5 * 60_000 + 2_001);
    const answers = await inBatches(40, 8, (index) => fans[index]!.check());
    const statusOf = (index: number) =>
      answers[index]!.result.statusCode === 200 ? answers[index]!.body.status : answers[index]!.body.type;
    expect(Array.from({ length: 10 }, (_, index) => statusOf(20 + index))).toEqual(
      Array(10).fill('admitted'),
    );
    expect(statusOf(30)).toBe('waiting');
    expect(statusOf(12)).toBe('urn:urr:problem:vwr-position-gone');
    // Leaving also dropped the position ticket cookie.
    expect(statusOf(10)).toBe('urn:urr:problem:vwr-no-ticket');
  }, 60_000);
});

describe('what the advancer leaves alone', () => {
  it('does not advance a sold-out or inactive event', async () => {
    const soldOut = uniqueEventId('soldout');
    await writeRoomSettings(room.dynamo, room.tables, soldOut, { active: true, soldOut: true });
    expect(await advanceEvent(room.stores, soldOut, Date.now())).toEqual({
      eventId: soldOut,
      action: 'sold-out',
    });
    const quiet = uniqueEventId('quiet');
    await writeRoomSettings(room.dynamo, room.tables, quiet, { active: false });
    expect(await advanceEvent(room.stores, quiet, Date.now())).toEqual({
      eventId: quiet,
      action: 'inactive',
    });
    expect((await room.stores.counters.readRoom(quiet, true)).servingCounter).toBe(0);
  });

  it('holds the counter of a paused sale, telling waiting users, and advances again once it resumes', async () => {
    const eventId = uniqueEventId('paused');
    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, admitStep: 10 });
    const clock = testClock(Date.now());
    const lambda = room.container(clock.now);
    const fans = Array.from({ length: 15 }, () => visitor(lambda, eventId));
    for (const fan of fans)
      expect((await fan.assign()).body).toMatchObject({ status: 'waiting', paused: false });

    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, paused: true });
    expect(await advanceEvent(room.stores, eventId, clock.now())).toEqual({ eventId, action: 'paused' });
    expect((await room.stores.counters.readRoom(eventId, true)).servingCounter).toBe(0);
    clock.passCacheLifetime();
    expect((await fans[0]!.check()).body).toMatchObject({
      status: 'waiting',
      position: 1,
      ahead: 0,
      etaSeconds: null,
      paused: true,
    });

    await writeRoomSettings(room.dynamo, room.tables, eventId, { active: true, paused: false });
    expect(await advanceEvent(room.stores, eventId, clock.now())).toMatchObject({
      action: 'advanced',
      servingCounter: 10,
    });
    clock.passCacheLifetime();
    expect((await fans[0]!.check()).body).toMatchObject({ status: 'admitted', position: 1 });
    expect((await fans[14]!.check()).body).toMatchObject({ status: 'waiting', position: 15, paused: false });
  });
});
