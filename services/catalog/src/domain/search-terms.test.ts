import { describe, expect, it } from 'vitest';
import { searchPatterns } from './search-terms.js';

describe('searchPatterns', () => {
  it('turns each word into a substring pattern', () => {
    expect(searchPatterns('  아이유   콘서트 ')).toEqual(['%아이유%', '%콘서트%']);
  });

  it('matches LIKE wildcards and backslashes literally', () => {
    expect(searchPatterns('100% a_b c\\d')).toEqual(['%100\\%%', '%a\\_b%', '%c\\\\d%']);
  });

  it('uses at most five words and nothing for a blank search', () => {
    expect(searchPatterns('a b c d e f g')).toHaveLength(5);
    expect(searchPatterns('   ')).toEqual([]);
  });
});
