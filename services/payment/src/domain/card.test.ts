import { describe, expect, it } from 'vitest';
import { testCards } from '../test-psp/card-behaviours.js';
import { isExpired, passesLuhn, summarizeCard } from './card.js';

describe('card', () => {
  it('every documented test card passes the Luhn check; a typo does not', () => {
    for (const number of Object.keys(testCards)) expect(passesLuhn(number), number).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('42424242x4242424')).toBe(false);
  });

  it('keeps brand and last four digits only', () => {
    expect(summarizeCard('4242424242424242')).toEqual({ brand: 'visa', last4: '4242' });
    expect(summarizeCard('5555555555554444')).toEqual({ brand: 'mastercard', last4: '4444' });
    expect(summarizeCard('378282246310005')).toEqual({ brand: 'amex', last4: '0005' });
  });

  it('a card is good through the last day of its expiry month', () => {
    expect(isExpired(6, 2025, new Date('2025-06-30T23:59:59Z'))).toBe(false);
    expect(isExpired(6, 2025, new Date('2025-07-01T00:00:00Z'))).toBe(true);
    expect(isExpired(12, 2025, new Date('2025-12-31T12:00:00Z'))).toBe(false);
  });
});
