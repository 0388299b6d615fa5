import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageOf, pageOffset, pageQuery } from './pagination.js';

const query = z.object(pageQuery);

describe('pagination', () => {
  it('defaults to the first page of 20 and reads numbers from the query string', () => {
    expect(query.parse({})).toEqual({ page: 1, size: 20 });
    expect(query.parse({ page: '3', size: '50' })).toEqual({ page: 3, size: 50 });
  });

  it('refuses page 0 and pages over 100 items, naming the field', () => {
    const zero = query.safeParse({ page: '0' });
    expect(zero.error?.issues[0]?.path).toEqual(['page']);
    const big = query.safeParse({ size: '101' });
    expect(big.error?.issues[0]?.path).toEqual(['size']);
    expect(query.safeParse({ size: 'ten' }).success).toBe(false);
  });

  it('skips the rows of the earlier pages and counts the pages', () => {
    expect(pageOffset({ page: 3, size: 20 })).toBe(40);
    expect(pageOf(['a'], { page: 3, size: 20 }, 41)).toEqual({
      items: ['a'],
      page: 3,
      size: 20,
      total: 41,
      totalPages: 3,
    });
    expect(pageOf([], { page: 1, size: 20 }, 0).totalPages).toBe(0);
  });
});
