import { describe, expect, it } from 'vitest';
import { writtenIn } from './written-in';

describe('writtenIn', () => {
  it('marks text with Hangul as Korean and leaves the rest to the page', () => {
    expect(writtenIn('0 E2E 홀 (Seoul)')).toBe('ko');
    expect(writtenIn('ㅋㅋ')).toBe('ko');
    expect(writtenIn('Symphony Night')).toBeUndefined();
    expect(writtenIn('')).toBeUndefined();
    expect(writtenIn(null)).toBeUndefined();
  });
});
