import { createLogger } from '@urr/common/logging/logger';
import { testWaitingRoom, visitor, writeRoomSettings } from '@urr/vwr-api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounterAdvancer } from './handler.js';

let room: Awaited<ReturnType<typeof testWaitingRoom>>;
beforeAll(async () => {
  room = await testWaitingRoom();
});
afterAll(() => room?.dynamo.destroy());

describe('the scheduled counter-advancer', () => {
  it('runs six cycles ten seconds apart per invocation, advancing active events only', async () => {
    const active = `sched-${Date.now()}`;
    const quiet = `sched-quiet-${Date.now()}`;
    await writeRoomSettings(room.dynamo, room.tables, active, { active: true, admitStep: 3 });
    await writeRoomSettings(room.dynamo, room.tables, quiet, { active: false, admitStep: 3 });
    let now = Date.now();
    const lambda = room.container(() => now);
    for (let index = 0; index < 40; index += 1) await visitor(lambda, active).assign();

    const slept: number[] = [];
    const invoke = createCounterAdvancer({
      stores: room.stores,
      logger: createLogger({ service: 'counter-advancer-test', level: 'silent' }),
      clock: () => now,
      cycles: {
        cycles: 6,
        cycleMs: 10_000,
        clock: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      },
    });
    await invoke();

    expect(slept).toHaveLength(5);
    expect(slept.every((ms) => ms > 9_000 && ms <= 10_000)).toBe(true);
    expect((await room.stores.counters.readRoom(active, true)).servingCounter).toBe(18);
    expect((await room.stores.counters.readRoom(quiet, true)).servingCounter).toBe(0);
  });
});
