import { describe, expect, it } from 'vitest';
import { isSaleOpening, saleOpeningGraceMs } from './sale-opening.js';

describe('isSaleOpening', () => {
  const opensAt = Date.parse('2026-12-24T11:00:00Z');
  it('holds from the opening for the grace period only', () => {
    expect(isSaleOpening(opensAt, opensAt - 1)).toBe(false);
    expect(isSaleOpening(opensAt, opensAt)).toBe(true);
    expect(isSaleOpening(opensAt, opensAt + saleOpeningGraceMs - 1)).toBe(true);
    expect(isSaleOpening(opensAt, opensAt + saleOpeningGraceMs)).toBe(false);
    expect(isSaleOpening(undefined, opensAt)).toBe(false);
  });
});
