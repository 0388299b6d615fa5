import { describe, expect, it } from 'vitest';
import { type AdmissionState, nextAdmissionState } from './admission-state.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));
type Change = Parameters<typeof nextAdmissionState>[1];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

const replay = (changes: readonly Change[]) =>
  changes.reduce<AdmissionState | undefined>((state, change) => nextAdmissionState(state, change), undefined);

describe('an admission state', () => {
  it('follows admit, leave, re-admit, expire', () => {
    const changes: Change[] = [
      { type: 'queue.admitted', position: 7, occurredAt: at(1) },
      { type: 'queue.left', position: null, occurredAt: at(2) },
      { type: 'queue.admitted', position: 42, occurredAt: at(3) },
      { type: 'queue.expired', position: null, occurredAt: at(4) },
    ];
    expect(replay(changes.slice(0, 1))).toMatchObject({ status: 'admitted', position: 7, endedAt: null });
    expect(replay(changes.slice(0, 2))).toMatchObject({ status: 'left', endedAt: at(2), admissionCount: 1 });
    expect(replay(changes.slice(0, 3))).toMatchObject({ status: 'admitted', position: 42, endedAt: null });
    expect(replay(changes)).toEqual({
      status: 'expired',
      position: 42,
      admittedAt: at(3),
      endedAt: at(4),
      changedAt: at(4),
      admissionCount: 2,
    });
  });

  it('ends the same whatever order the messages arrive in', () => {
    const changes: Change[] = [
      { type: 'queue.admitted', position: 3, occurredAt: at(1) },
      { type: 'queue.expired', position: null, occurredAt: at(5) },
      { type: 'queue.admitted', position: 9, occurredAt: at(6) },
      { type: 'queue.left', position: null, occurredAt: at(6) },
    ];
    const outcomes = permutations(changes).map(replay);
    for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
    // An admission and its end at the same instant: the end wins.
    expect(outcomes[0]).toMatchObject({ status: 'left', position: 9, admissionCount: 2, endedAt: at(6) });
  });
});
