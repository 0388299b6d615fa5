import { describe, expect, it } from 'vitest';
import { canTransition, decideCancel, isActive, paymentToRefund } from './reservation-status.js';

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

  it('gives back the payment a paid reservation was confirmed with, or a capture its hold had not seen', () => {
    const paid = { status: 'CONFIRMED' as const, amount: 100_000, paymentId: 'p-1' };
    expect(paymentToRefund(paid, {})).toBe('p-1');
    expect(paymentToRefund(paid, { alreadyRefunded: true })).toBeUndefined();
    expect(paymentToRefund({ ...paid, amount: 0 }, {})).toBeUndefined();
    const unpaid = { status: 'PENDING_PAYMENT' as const, amount: 100_000, paymentId: null };
    expect(paymentToRefund(unpaid, {})).toBeUndefined();
    expect(paymentToRefund(unpaid, { capturedPaymentId: 'p-2' })).toBe('p-2');
  });
});
