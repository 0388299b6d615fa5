import { describe, expect, it } from 'vitest';
import { hasPresale, presaleRows } from './presale';

const openings = [
  { tier: 'general', opensAt: '2026-12-08T12:00:00.000Z' },
  { tier: 'gold', opensAt: '2026-12-05T12:00:00.000Z' },
  { tier: 'diamond', opensAt: '2026-12-04T12:00:00.000Z' },
  { tier: 'bronze', opensAt: '2026-12-07T12:00:00.000Z' },
] as const;
const now = Date.parse('2026-12-06T00:00:00.000Z');

describe('the presale schedule on the event page', () => {
  it('lists the tiers soonest first, says which are open, and marks the fan’s own tier', () => {
    const rows = presaleRows({ openings, myTier: 'bronze' }, now);
    expect(rows.map((row) => row.tier)).toEqual(['diamond', 'gold', 'bronze', 'general']);
    expect(rows.map((row) => row.open)).toEqual([true, true, false, false]);
    expect(rows.filter((row) => row.mine).map((row) => row.tier)).toEqual(['bronze']);
  });

  it('puts a fan without a membership in the general sale', () => {
    const rows = presaleRows({ openings, myTier: null }, now);
    expect(rows.filter((row) => row.mine).map((row) => row.tier)).toEqual(['general']);
  });

  it('is only worth showing when some tier buys before the general sale (every tier is listed either way)', () => {
    expect(hasPresale({ openings, myTier: null })).toBe(true);
    const everyoneAtOnce = openings.map((opening) => ({ ...opening, opensAt: openings[0].opensAt }));
    expect(hasPresale({ openings: everyoneAtOnce, myTier: 'gold' })).toBe(false);
  });
});
