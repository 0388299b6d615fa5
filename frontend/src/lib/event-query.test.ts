import { describe, expect, it } from 'vitest';
import { eventPageHref, eventQueryOf } from './event-query';

describe('home page search', () => {
  it('passes known filters on and leaves unknown values out', () => {
    expect(
      eventQueryOf({ q: ' 하나 ', kind: 'standing', status: 'on-sale', sort: '-priceMin', page: '2' }),
    ).toEqual({
      q: '하나',
      category: undefined,
      city: undefined,
      kind: 'standing',
      status: 'on-sale',
      sort: '-priceMin',
      page: 2,
      size: 12,
    });
    const odd = eventQueryOf({ kind: 'sofa', status: 'draft', sort: 'random', page: '-1' });
    expect([odd.kind, odd.status, odd.sort, odd.page]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('keeps the filters when paging', () => {
    expect(eventPageHref({ q: 'rock', city: 'Busan', size: 12 }, 3)).toBe('/?q=rock&city=Busan&page=3');
    expect(eventPageHref({ q: 'rock', page: 3, size: 12 }, 1)).toBe('/?q=rock');
  });
});
