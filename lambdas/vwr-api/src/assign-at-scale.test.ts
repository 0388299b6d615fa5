import { inBatches } from '@urr/common/testing/in-batches';
import { advanceEvent } from '@urr/counter-advancer/advance-event';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { regularPosition } from '@urr/vwr-shared/slots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWaitingRoom, visitor, writeRoomSettings } from './test-support.js';

// Sized to finish far inside the timeout on a loaded 2-core machine; the 10,000-fan figure is in npm run bench:vwr-assign.
const arrivals = 1_000;
/** Admitted per advance: two advances admit half the arrivals. */
const admitStep = 250;
const containers = 8;
const concurrency = 64;
/** Each container trusts its copy of the counters item for a second (VWR_COUNTERS_CACHE_MS). */
const waitOutCountersCache = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe('1,000 concurrent assigns on the DynamoDB-compatible server', () => {
  const eventId = `scale-${Date.now()}`;
  let room: Awaited<ReturnType<typeof testWaitingRoom>>;
  let visitors: ReturnType<typeof visitor>[];
  let positions: number[];

  beforeAll(async () => {
    room = await testWaitingRoom();
    // As the operator sets it for a sale expecting thousands of arrivals a second (docs/adr/0003).
    await writeRoomSettings(room.dynamo, room.tables, eventId, {
      active: true,
      admitStep,
      positionShards: 10,
    });
    const lambdas = Array.from({ length: containers }, () => room.container());
    visitors = Array.from({ length: arrivals }, (_, index) => visitor(lambdas[index % containers]!, eventId));
    const started = performance.now();
    const answers = await inBatches(arrivals, concurrency, (index) => visitors[index]!.assign());
    console.log(`${arrivals} assigns in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    positions = answers.map(({ body }) => body.position);
    expect(answers.every(({ body }) => body.status === 'waiting')).toBe(true);
  }, 180_000);
  afterAll(() => room?.dynamo.destroy());

  it('hands every arrival its own position, and every slot taken is someone’s position', async () => {
    expect(new Set(positions).size).toBe(arrivals);
    const shards = (await room.stores.counters.readRoom(eventId, true)).positionShards!;
    const counts = await new CountersStore(room.dynamo, room.tables).readIssuedCounts(eventId, 1, shards);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(arrivals);
    const taken = counts.flatMap((count, shard) =>
      Array.from({ length: count }, (_, seq) => regularPosition(shard, seq + 1, shards, 0)),
    );
    expect(new Set(taken)).toEqual(new Set(positions));
    // The shards stay level, so the front of the queue has no gaps: positions 1..250 all went to someone.
    expect(positions.filter((position) => position <= admitStep)).toHaveLength(admitStep);
  });

  it('admits exactly the next 250 at each advance, and tells everyone else where they stand', async () => {
    const start = Date.now();
    const first = await advanceEvent(room.stores, eventId, start);
    expect(first).toMatchObject({
      action: 'advanced',
      servingCounter: admitStep,
      admitted: admitStep,
      credited: 0,
    });
    await waitOutCountersCache();

    const checks = await inBatches(arrivals, concurrency, (index) => visitors[index]!.check());
    const admitted = checks.flatMap(({ body }, index) =>
      body.status === 'admitted' ? [positions[index]!] : [],
    );
    expect(admitted.sort((a, b) => a - b)).toEqual(
      Array.from({ length: admitStep }, (_, index) => index + 1),
    );
    const waiting = checks.map(({ body }) => body).filter((body) => body.status === 'waiting');
    expect(waiting).toHaveLength(arrivals - admitStep);
    expect(waiting.every((body) => body.ahead === body.position - admitStep - 1 && body.etaSeconds > 0)).toBe(
      true,
    );
    expect(
      checks.filter(({ result }) => result.cookies?.some((c) => c.startsWith('urr-vwr-token='))),
    ).toHaveLength(admitStep);

    const second = await advanceEvent(room.stores, eventId, start + 10_000);
    expect(second).toMatchObject({ action: 'advanced', servingCounter: 2 * admitStep, admitted: admitStep });
    await waitOutCountersCache();
    const next = positions.flatMap((position, index) =>
      position > admitStep && position <= 2 * admitStep ? [index] : [],
    );
    expect(next).toHaveLength(admitStep);
    const answers = await inBatches(next.length, concurrency, (index) => visitors[next[index]!]!.check());
    expect(answers.every(({ body }) => body.status === 'admitted')).toBe(true);
  }, 120_000);
});
