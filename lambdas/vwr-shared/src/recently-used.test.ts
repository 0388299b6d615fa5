import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from './recently-used.js';

describe('a memory of the recently used', () => {
  it('keeps the most recently used, however many others come after them', () => {
    const memory = new RecentlyUsed<number>(3);
    for (let round = 0; round < 20; round += 1) {
      expect(memory.get('kept')).toBe(round === 0 ? undefined : 1);
      if (round === 0) memory.set('kept', 1);
      for (let other = 0; other < 2; other += 1) memory.set(`other-${round}-${other}`, other);
    }
    expect(memory.get('other-19-1')).toBe(1);
  });

  it('holds at most twice its capacity and forgets what was not used since', () => {
    const memory = new RecentlyUsed<number>(100);
    for (let key = 0; key < 1_000; key += 1) {
      memory.set(String(key), key);
      expect(memory.size).toBeLessThanOrEqual(200);
    }
    expect(memory.get('0')).toBeUndefined();
    expect(memory.get('799')).toBeUndefined();
    for (let key = 900; key < 1_000; key += 1) expect(memory.get(String(key))).toBe(key);
  });

  it('refuses a capacity under one', () => {
    expect(() => new RecentlyUsed(0)).toThrow(RangeError);
    expect(() => new RecentlyUsed(Number.NaN)).toThrow(RangeError);
  });
});
