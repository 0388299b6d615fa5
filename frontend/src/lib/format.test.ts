import { describe, expect, it } from 'vitest';
import {
  formatCountdown,
  formatDateTime,
  formatMoney,
  formatPriceRange,
  formatWait,
  secondsUntil,
} from './format';

describe('display formats', () => {
  it('formats money, waits, counts and dates for English readers too', () => {
    expect(formatMoney(198_000, 'KRW', 'en')).toBe('₩198,000');
    expect(formatMoney(1_999, 'USD', 'en')).toBe('$19.99');
    expect(formatPriceRange({ min: 0, max: 0, currency: 'KRW' }, 'en')).toBe('Price to be announced');
    expect(formatWait(37, 'en')).toBe('about 37 s');
    expect(formatWait(3_900, 'en')).toBe('about 1 h 5 min');
    expect(formatWait(null, 'en')).toBe('estimating');
    expect(formatDateTime('2026-12-24T10:00:00Z', 'en')).toMatch(/Dec.*24.*2026.*19:00/);
    expect(formatDateTime(undefined, 'en')).toBe('to be announced');
  });

  it('shows won with thousands separators', () => {
    expect(formatMoney(198_000)).toBe('198,000원');
    expect(formatPriceRange({ min: 99_000, max: 198_000, currency: 'KRW' })).toBe('99,000원 ~ 198,000원');
    expect(formatPriceRange({ min: 55_000, max: 55_000, currency: 'KRW' })).toBe('55,000원');
  });

  it('says how long the wait is in words a fan reads at a glance', () => {
    expect(formatWait(37)).toBe('약 37초');
    expect(formatWait(60)).toBe('약 1분');
    expect(formatWait(3_900)).toBe('약 1시간 5분');
    expect(formatWait(7_200)).toBe('약 2시간');
    expect(formatWait(null)).toBe('계산 중');
  });

  it('counts a hold down to the second and never below zero', () => {
    expect(formatCountdown(419)).toBe('6:59');
    expect(secondsUntil('2026-01-01T00:00:10Z', Date.parse('2026-01-01T00:00:00Z'))).toBe(10);
    expect(secondsUntil('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:00:10Z'))).toBe(0);
  });

  it('shows dates on Korean time whatever the machine clock', () => {
    expect(formatDateTime('2026-12-25T10:00:00Z')).toContain('19:00');
    expect(formatDateTime(null)).toBe('미정');
  });
});
