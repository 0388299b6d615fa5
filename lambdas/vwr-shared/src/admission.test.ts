import { describe, expect, it } from 'vitest';
import { type PositionState, planAdvance } from './admission.js';

function plan(
  servingCounter: number,
  highestIssued: number,
  states: Record<number, PositionState> = {},
  stillAway = true,
) {
  const expired: number[] = [];
  return planAdvance({
    servingCounter,
    admitStep: 10,
    highestIssued,
    batchSize: 4,
    inspect: async (positions) =>
      new Map(positions.map((position) => [position, states[position] ?? 'held'])),
    expire: async (position) => {
      expired.push(position);
      return stillAway;
    },
  }).then((result) => ({ ...result, expired }));
}

describe('planning an advance', () => {
  it('admits one step of held positions', async () => {
    expect(await plan(0, 100)).toMatchObject({
      servingCounter: 10,
      admitted: 10,
      credited: 0,
      capped: false,
    });
  });

  it('skips abandoned and absent positions, crediting their slots to the next in line', async () => {
    const result = await plan(0, 100, { 2: 'abandoned', 5: 'stale', 11: 'abandoned' });
    expect(result).toMatchObject({ servingCounter: 13, admitted: 10, credited: 3 });
    expect(result.expired).toEqual([5]);
  });

  it('keeps an absent holder who came back before being expired', async () => {
    expect(await plan(0, 100, { 5: 'stale' }, false)).toMatchObject({ servingCounter: 10, credited: 0 });
  });

  it('lets positions not handed out yet count against the step, but never runs a step past the last one', async () => {
    expect(await plan(0, 4)).toMatchObject({ servingCounter: 10, admitted: 10, capped: false });
    expect(await plan(10, 4)).toMatchObject({ servingCounter: 14, admitted: 4, capped: true });
    expect(await plan(20, 4)).toMatchObject({ servingCounter: 20, admitted: 0, capped: true });
  });
});
