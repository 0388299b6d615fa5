import { describe, expect, it } from 'vitest';
import { attemptFingerprint, keyForAttempt, newIdempotencyKey } from './payment-key';

const card = { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' };

describe('payment Idempotency-Key', () => {
  it('reuses the key when the same attempt is sent again, so a retry cannot charge twice', () => {
    const first = keyForAttempt(undefined, attemptFingerprint('p1', card), newIdempotencyKey);
    const again = keyForAttempt(
      first,
      attemptFingerprint('p1', { ...card, cardNumber: '4242424242424242' }),
      newIdempotencyKey,
    );
    expect(again.key).toBe(first.key);
  });

  it('makes a new key when the card details change (the server refuses a key reused for another request)', () => {
    const first = keyForAttempt(undefined, attemptFingerprint('p1', card), newIdempotencyKey);
    const other = keyForAttempt(first, attemptFingerprint('p1', { ...card, cvc: '999' }), newIdempotencyKey);
    expect(other.key).not.toBe(first.key);
    expect(other.key).toMatch(/^pay-[0-9a-f]{32}$/);
  });
});
