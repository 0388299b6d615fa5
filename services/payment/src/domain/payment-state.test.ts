import { describe, expect, it } from 'vitest';
import {
  chargeRefusal,
  intentCancellation,
  isFree,
  type PaymentState,
  planRefund,
  settleCharge,
  statusAfterRefunds,
} from './payment-state.js';

const now = new Date('2025-06-01T10:00:00Z');
const window = 60_000;
const payment = (overrides: Partial<PaymentState> = {}): PaymentState => ({
  status: 'processing',
  failureReason: null,
  amount: 55_000,
  expiresAt: new Date('2025-06-01T10:07:00Z'),
  ...overrides,
});

describe('chargeRefusal', () => {
  it('lets an unpaid payment within its hold be charged, and nothing else', () => {
    expect(chargeRefusal(payment({ status: 'requires_payment' }), now)).toBeUndefined();
    expect(chargeRefusal(payment({ status: 'requires_payment', expiresAt: now }), now)).toBe('expired');
    expect(chargeRefusal(payment({ status: 'processing' }), now)).toBe('in-progress');
    expect(chargeRefusal(payment({ status: 'failed', failureReason: 'declined' }), now)).toBe('failed');
    for (const status of ['succeeded', 'partially_refunded', 'refunded'] as const)
      expect(chargeRefusal(payment({ status }), now)).toBe('already-paid');
    expect(chargeRefusal(payment({ status: 'cancelled' }), now)).toBe('cancelled');
  });

  it('knows a free payment (nothing to charge)', () => {
    expect(isFree(payment({ amount: 0 }))).toBe(true);
    expect(isFree(payment({ amount: 1 }))).toBe(false);
  });
});

describe('intentCancellation', () => {
  it('cancels an unpaid payment; a charge under way or captured refuses; one already over stays', () => {
    expect(intentCancellation({ status: 'requires_payment' })).toBe('cancel');
    expect(intentCancellation({ status: 'cancelled' })).toBe('already-over');
    expect(intentCancellation({ status: 'failed' })).toBe('already-over');
    expect(intentCancellation({ status: 'processing' })).toBe('in-progress');
    for (const status of ['succeeded', 'partially_refunded', 'refunded'] as const)
      expect(intentCancellation({ status })).toBe('captured');
  });
});

describe('settleCharge', () => {
  it('a success captures the amount and publishes payment.succeeded', () => {
    const settled = settleCharge(payment(), { kind: 'succeeded', chargeId: 'ch_1' }, now, window);
    expect(settled?.patch).toMatchObject({
      status: 'succeeded',
      capturedAmount: 55_000,
      pspChargeId: 'ch_1',
    });
    expect(settled?.event).toEqual({ type: 'payment.succeeded' });
  });

  it('a decline fails the payment for good', () => {
    const settled = settleCharge(payment(), { kind: 'declined', declineCode: 'card_declined' }, now, window);
    expect(settled?.patch).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
      reconcileUntil: null,
    });
    expect(settled?.event).toEqual({ type: 'payment.failed', reason: 'declined' });
  });

  it('a timeout fails the payment but keeps asking the PSP for the reconcile window', () => {
    const settled = settleCharge(payment(), { kind: 'timeout' }, now, window);
    expect(settled?.patch).toMatchObject({ status: 'failed', failureReason: 'timeout' });
    expect(settled?.patch.reconcileUntil).toEqual(new Date(now.getTime() + window));
    expect(settled?.event).toEqual({ type: 'payment.failed', reason: 'timeout' });
  });

  it('a success reported after a timeout is a late success: payment.succeeded after payment.failed', () => {
    const timedOut = payment({ status: 'failed', failureReason: 'timeout' });
    const late = settleCharge(timedOut, { kind: 'succeeded', chargeId: 'ch_2' }, now, window);
    expect(late?.patch).toMatchObject({ status: 'succeeded', failureReason: null, reconcileUntil: null });
    expect(late?.event).toEqual({ type: 'payment.succeeded' });
    const settledNotCharged = settleCharge(
      timedOut,
      { kind: 'declined', declineCode: 'processing_error' },
      now,
      window,
    );
    expect(settledNotCharged).toEqual({
      patch: { status: 'failed', failureReason: 'timeout', reconcileUntil: null },
    });
  });

  it('settling what is already known changes nothing (one event per charge)', () => {
    const succeeded = payment({ status: 'succeeded' });
    expect(settleCharge(succeeded, { kind: 'succeeded', chargeId: 'ch_1' }, now, window)).toBeUndefined();
    const declined = payment({ status: 'failed', failureReason: 'declined' });
    expect(settleCharge(declined, { kind: 'succeeded', chargeId: 'ch_1' }, now, window)).toBeUndefined();
    const timedOut = payment({ status: 'failed', failureReason: 'timeout' });
    expect(settleCharge(timedOut, { kind: 'timeout' }, now, window)).toBeUndefined();
    expect(
      settleCharge(payment({ status: 'requires_payment' }), { kind: 'timeout' }, now, window),
    ).toBeUndefined();
  });
});

describe('planRefund', () => {
  const paid = { status: 'succeeded' as const, capturedAmount: 10_000 };
  it('refunds the rest when no amount is given, and never more than was captured in total', () => {
    expect(planRefund(paid, 0, undefined)).toEqual({ amount: 10_000 });
    expect(planRefund(paid, 4000, undefined)).toEqual({ amount: 6000 });
    expect(planRefund(paid, 4000, 6000)).toEqual({ amount: 6000 });
    expect(planRefund(paid, 4000, 6001)).toEqual({ reason: 'exceeds-refundable', refundable: 6000 });
    expect(planRefund(paid, 10_000, undefined)).toEqual({ reason: 'fully-refunded' });
  });
  it('refuses payments that captured nothing', () => {
    expect(planRefund({ status: 'failed', capturedAmount: 0 }, 0, undefined)).toEqual({
      reason: 'not-captured',
    });
    expect(planRefund({ status: 'requires_payment', capturedAmount: 0 }, 0, 10)).toEqual({
      reason: 'not-captured',
    });
  });
  it('names the status after refunds', () => {
    expect(statusAfterRefunds(10_000, 2500)).toBe('partially_refunded');
    expect(statusAfterRefunds(10_000, 10_000)).toBe('refunded');
  });
});
