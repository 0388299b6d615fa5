import { describe, expect, it } from 'vitest';
import { canTransition, decideCancel, isActive } from './reservation-status.js';

describe('reservation status', () => {
  it('moves an unpaid hold to confirmed, cancelled or expired, and a paid one only to cancelled', () => {
    expect(canTransition('PENDING_PAYMENT', 'CONFIRMED')).toBe(true);
    expect(canTransition('PENDING_PAYMENT', 'EXPIRED')).toBe(true);
    expect(canTransition('CONFIRMED', 'CANCELLED')).toBe(true);
    expect(canTransition('CONFIRMED', 'EXPIRED')).toBe(false);
    expect(canTransition('EXPIRED', 'CONFIRMED')).toBe(false);
    expect(canTransition('CANCELLED', 'CONFIRMED')).toBe(false);
  });

  it('counts only unpaid holds and paid reservations as holding seats', () => {
    expect(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED'].map((s) => isActive(s as never))).toEqual(
      [true, true, false, false],
    );
  });

  it('refunds a paid reservation the buyer cancels, and lets a failed payment end only an unpaid hold', () => {
    expect(decideCancel('PENDING_PAYMENT', 'user')).toEqual({ allowed: true, refund: false });
    expect(decideCancel('CONFIRMED', 'user')).toEqual({ allowed: true, refund: true });
    expect(decideCancel('CONFIRMED', 'payment-failed')).toMatchObject({ allowed: false });
    expect(decideCancel('EXPIRED', 'admin')).toEqual({
      allowed: false,
      detail: 'the reservation is EXPIRED and cannot be cancelled',
    });
  });
});
