import { describe, expect, it } from 'vitest';
import { IssueHistory } from './issue-history.js';

describe('issue history', () => {
  const history = IssueHistory.parse(undefined)
    .with({ at: 1_000, regular: [2, 1], preQueue: [5] }, 60_000)
    .with({ at: 11_000, regular: [4, 3], preQueue: [5] }, 60_000);

  it('tells whether a slot had been handed out by a moment', () => {
    expect(history.issuedBy(5_000, { band: 1, shard: 0, seq: 2 })).toBe(true);
    expect(history.issuedBy(5_000, { band: 1, shard: 0, seq: 3 })).toBe(false);
    expect(history.issuedBy(500, { band: 1, shard: 0, seq: 1 })).toBe(false);
    expect(history.issuedBy(11_000, { band: 0, shard: 0, seq: 5 })).toBe(true);
  });

  it('survives a round trip through the counters item and forgets what is too old', () => {
    const restored = IssueHistory.parse(history.serialize());
    expect(restored.snapshots).toEqual(history.snapshots);
    const later = restored.with({ at: 200_000, regular: [9, 9], preQueue: [5] }, 60_000);
    expect(later.snapshots.map((snapshot) => snapshot.at)).toEqual([11_000, 200_000]);
  });
});
