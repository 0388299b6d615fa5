import { describe, expect, it } from 'vitest';
import { allPages, pickListPageLimit } from './all-pages';

const pages = (count: number, perPage: number) => (page: number) =>
  Promise.resolve({
    items: page <= count ? Array.from({ length: perPage }, (_, index) => `${page}-${index}`) : [],
    totalPages: count,
  });

describe('every item of a paged list', () => {
  it('reads page after page until the last one', async () => {
    const asked: number[] = [];
    const { items } = await allPages((page) => {
      asked.push(page);
      return pages(3, 2)(page);
    });
    expect(items).toEqual(['1-0', '1-1', '2-0', '2-1', '3-0', '3-1']);
    expect(asked).toEqual([1, 2, 3]);
  });

  it('reads one page of an empty list, and never more than the limit', async () => {
    expect((await allPages(pages(0, 5))).items).toEqual([]);
    let asked = 0;
    await allPages((page) => {
      asked++;
      return pages(1_000, 1)(page);
    });
    expect(asked).toBe(pickListPageLimit);
  });
});
