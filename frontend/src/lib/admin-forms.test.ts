import { describe, expect, it } from 'vitest';
import { changedFields, localInputOf, sellThrough } from './admin-forms';
import { instantOf } from './event-setup';

describe('localInputOf', () => {
  it('is the inverse of instantOf to the minute', () => {
    const iso = '2026-12-24T02:00:00.000Z';
    expect(instantOf(localInputOf(iso))).toBe(iso);
    expect(localInputOf(iso)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('is empty for no date or a broken one', () => {
    expect(localInputOf(null)).toBe('');
    expect(localInputOf('not a date')).toBe('');
  });
});

describe('changedFields', () => {
  it('keeps only what changed, nulls included', () => {
    expect(
      changedFields(
        { title: 'A', presaleOpensAt: '2026-01-01T00:00:00.000Z' as string | null, max: 4 },
        { title: 'A', presaleOpensAt: null, max: 6 },
      ),
    ).toEqual({ presaleOpensAt: null, max: 6 });
    expect(changedFields({ title: 'A' }, { title: 'A' })).toBeUndefined();
  });
});

describe('sellThrough', () => {
  it('is sold over capacity, and nothing without capacity', () => {
    expect(sellThrough(750, 2000)).toBe('37.5%');
    expect(sellThrough(2000, 2000)).toBe('100.0%');
    expect(sellThrough(0, 0)).toBe('-');
  });
});
