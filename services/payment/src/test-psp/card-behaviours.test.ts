import { describe, expect, it } from 'vitest';
import { behaviourOf } from './card-behaviours.js';

const now = new Date('2025-06-01T00:00:00Z');
const card = (number: string, expYear = 2030) => ({ number, expMonth: 12, expYear });

describe('test PSP card behaviours', () => {
  it('the documented numbers choose the outcome', () => {
    expect(behaviourOf(card('4242424242424242'), now)).toEqual({ kind: 'succeed' });
    expect(behaviourOf(card('4000000000000002'), now)).toEqual({ kind: 'decline', code: 'card_declined' });
    expect(behaviourOf(card('4000000000009995'), now)).toEqual({
      kind: 'decline',
      code: 'insufficient_funds',
    });
    expect(behaviourOf(card('4000000000000119'), now)).toEqual({ kind: 'timeout' });
    expect(behaviourOf(card('4000000000000259'), now)).toEqual({ kind: 'late-success' });
  });

  it('other valid numbers succeed; bad numbers and expired cards are declined', () => {
    expect(behaviourOf(card('4012888888881881'), now)).toEqual({ kind: 'succeed' });
    expect(behaviourOf(card('4242424242424241'), now)).toEqual({ kind: 'decline', code: 'incorrect_number' });
    expect(behaviourOf(card('4242424242424242', 2024), now)).toEqual({
      kind: 'decline',
      code: 'expired_card',
    });
  });
});
