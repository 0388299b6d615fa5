import { describe, expect, it } from 'vitest';
import {
  attemptsLeft,
  type ChargeOutcome,
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
  chargeAttempts: 1,
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
  const rules = { reconcileWindowMs: window, maxChargeAttempts: 3 };
  const first = (outcome: ChargeOutcome) => ({ attempt: 1, outcome });

  it('a success captures the amount and publishes payment.succeeded', () => {
    const settled = settleCharge(payment(), first({ kind: 'succeeded', chargeId: 'ch_1' }), now, rules);
    expect(settled?.patch).toMatchObject({
      status: 'succeeded',
      capturedAmount: 55_000,
      pspChargeId: 'ch_1',
    });
    expect(settled?.event).toEqual({ type: 'payment.succeeded' });
  });

  it('a decline with attempts left makes the payment payable again and publishes nothing', () => {
    const settled = settleCharge(
      payment({ chargeAttempts: 2 }),
      { attempt: 2, outcome: { kind: 'declined', declineCode: 'insufficient_funds', chargeId: 'ch_2' } },
      now,
      rules,
    );
    expect(settled).toEqual({
      patch: {
        status: 'requires_payment',
        failureReason: null,
        declineCode: 'insufficient_funds',
        pspChargeId: 'ch_2',
        reconcileUntil: null,
      },
    });
  });

  it('the decline of the last allowed attempt fails the payment for good', () => {
    const settled = settleCharge(
      payment({ chargeAttempts: 3 }),
      { attempt: 3, outcome: { kind: 'declined', declineCode: 'card_declined' } },
      now,
      rules,
    );
    expect(settled?.patch).toMatchObject({
      status: 'failed',
      failureReason: 'declined',
      declineCode: 'card_declined',
      reconcileUntil: null,
    });
    expect(settled?.event).toEqual({ type: 'payment.failed', reason: 'declined' });
    const onlyOne = { ...rules, maxChargeAttempts: 1 };
    expect(
      settleCharge(payment(), first({ kind: 'declined', declineCode: 'card_declined' }), now, onlyOne)?.event,
    ).toEqual({ type: 'payment.failed', reason: 'declined' });
  });

  it('a timeout fails the payment, even with attempts left, and keeps asking the PSP for the reconcile window', () => {
    const settled = settleCharge(payment(), first({ kind: 'timeout' }), now, rules);
    expect(settled?.patch).toMatchObject({ status: 'failed', failureReason: 'timeout' });
    expect(settled?.patch.reconcileUntil).toEqual(new Date(now.getTime() + window));
    expect(settled?.event).toEqual({ type: 'payment.failed', reason: 'timeout' });
    expect(settleCharge(payment(), first({ kind: 'error', detail: 'x' }), now, rules)?.event).toEqual({
      type: 'payment.failed',
      reason: 'error',
    });
  });

  it('a success reported after a timeout is a late success: payment.succeeded after payment.failed', () => {
    const timedOut = payment({ status: 'failed', failureReason: 'timeout' });
    const late = settleCharge(timedOut, first({ kind: 'succeeded', chargeId: 'ch_2' }), now, rules);
    expect(late?.patch).toMatchObject({ status: 'succeeded', failureReason: null, reconcileUntil: null });
    expect(late?.event).toEqual({ type: 'payment.succeeded' });
    const settledNotCharged = settleCharge(
      timedOut,
      first({ kind: 'declined', declineCode: 'processing_error' }),
      now,
      rules,
    );
    expect(settledNotCharged).toEqual({
      patch: { status: 'failed', failureReason: 'timeout', reconcileUntil: null },
    });
  });

  it('the outcome of an attempt that is not the latest changes nothing (a late webhook of an earlier decline)', () => {
    const secondUnderWay = payment({ chargeAttempts: 2 });
    expect(
      settleCharge(secondUnderWay, first({ kind: 'declined', declineCode: 'card_declined' }), now, rules),
    ).toBeUndefined();
    expect(
      settleCharge(
        payment({ status: 'requires_payment', chargeAttempts: 2 }),
        first({ kind: 'timeout' }),
        now,
        rules,
      ),
    ).toBeUndefined();
  });

  it('settling what is already known changes nothing (one event per charge)', () => {
    const succeeded = payment({ status: 'succeeded' });
    expect(
      settleCharge(succeeded, first({ kind: 'succeeded', chargeId: 'ch_1' }), now, rules),
    ).toBeUndefined();
    const declined = payment({ status: 'failed', failureReason: 'declined' });
    expect(
      settleCharge(declined, first({ kind: 'succeeded', chargeId: 'ch_1' }), now, rules),
    ).toBeUndefined();
    const timedOut = payment({ status: 'failed', failureReason: 'timeout' });
    expect(settleCharge(timedOut, first({ kind: 'timeout' }), now, rules)).toBeUndefined();
    const declinedOnce = payment({ status: 'requires_payment' });
    expect(
      settleCharge(declinedOnce, first({ kind: 'declined', declineCode: 'card_declined' }), now, rules),
    ).toBeUndefined();
    expect(settleCharge(declinedOnce, first({ kind: 'timeout' }), now, rules)).toBeUndefined();
  });
});

describe('attemptsLeft', () => {
  it('counts the charges still allowed after the latest (or a given) attempt, none once the payment is over', () => {
    expect(attemptsLeft(payment({ status: 'requires_payment', chargeAttempts: 0 }), 3)).toBe(3);
    expect(attemptsLeft(payment({ status: 'requires_payment', chargeAttempts: 1 }), 3)).toBe(2);
    expect(attemptsLeft(payment({ status: 'processing', chargeAttempts: 3 }), 3)).toBe(0);
    expect(attemptsLeft(payment({ status: 'processing', chargeAttempts: 2 }), 3, 1)).toBe(2);
    for (const status of ['succeeded', 'failed', 'cancelled', 'refunded'] as const)
      expect(attemptsLeft(payment({ status, chargeAttempts: 1 }), 3)).toBe(0);
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
