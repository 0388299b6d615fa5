/**
 * The life of a payment, as pure rules: which charge outcome moves it where, and which event that publishes.
 *
 * requires_payment ─confirm→ processing ─┬→ succeeded ─refund→ partially_refunded / refunded
 *    │   ▲                               ├→ failed (declined for the last allowed time | timeout | error)
 *    │   └──declined, attempts left──────┘
 *    └─ticket-service cancels the reservation→ cancelled (never charged)
 * A decline is the PSP's definite no: the fan may try another card while the hold lasts, up to
 * `maxChargeAttempts` charges in all (docs/adr/0045). Each confirm is a new attempt; only the latest
 * attempt's outcome counts, so a late report of an earlier decline changes nothing.
 * A `timeout` or `error` failure is an unknown outcome at the PSP: if the PSP later reports the charge
 * as succeeded (webhook or poll), the payment becomes succeeded after all (a "late success"); it is never
 * charged again, so a second card can never be charged while the first one's fate is open.
 * A payment of amount 0 (a free seat) goes from requires_payment to succeeded without a charge.
 */
export const paymentStatuses = [
  'requires_payment',
  'processing',
  'succeeded',
  'partially_refunded',
  'refunded',
  'failed',
  'cancelled',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** The same reasons as `payment.failed` carries. */
export const failureReasons = ['declined', 'timeout', 'error'] as const;
export type FailureReason = (typeof failureReasons)[number];

export const refundStatuses = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

/** What the PSP said about a charge (or failed to say). */
export type ChargeOutcome =
  | { readonly kind: 'succeeded'; readonly chargeId: string }
  | { readonly kind: 'declined'; readonly chargeId?: string; readonly declineCode: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'error'; readonly detail: string };
export type ChargeOutcomeKind = ChargeOutcome['kind'];

export interface PaymentState {
  readonly status: PaymentStatus;
  readonly failureReason: FailureReason | null;
  readonly amount: number;
  readonly expiresAt: Date;
  /** Charges sent to the PSP so far; the latest one is attempt number `chargeAttempts`. */
  readonly chargeAttempts: number;
}

/**
 * How many more charges a payment may have after `attempt` (by default its latest): none once it is over
 * (paid, failed for good or cancelled).
 */
export function attemptsLeft(
  payment: Pick<PaymentState, 'status' | 'chargeAttempts'>,
  maxChargeAttempts: number,
  attempt = payment.chargeAttempts,
): number {
  if (payment.status !== 'requires_payment' && payment.status !== 'processing') return 0;
  return Math.max(0, maxChargeAttempts - attempt);
}

export type ChargeRefusal = 'already-paid' | 'in-progress' | 'failed' | 'expired' | 'cancelled';

/** Why a confirm may not charge this payment now, or undefined when it may. */
export function chargeRefusal(payment: PaymentState, now: Date): ChargeRefusal | undefined {
  switch (payment.status) {
    case 'requires_payment':
      return payment.expiresAt.getTime() <= now.getTime() ? 'expired' : undefined;
    case 'processing':
      return 'in-progress';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'already-paid';
  }
}

/** A free seat's payment: nothing to charge, so confirming it succeeds at once. */
export const isFree = (payment: Pick<PaymentState, 'amount'>) => payment.amount === 0;

/**
 * What cancelling a reservation's payment does: an unpaid one is cancelled (no confirm charges it after);
 * one already over without a capture stays as it is; a charge under way or captured refuses the cancel,
 * since the money's fate is the PSP's or a refund's to decide.
 */
export type IntentCancellation = 'cancel' | 'already-over' | 'in-progress' | 'captured';

export function intentCancellation(payment: Pick<PaymentState, 'status'>): IntentCancellation {
  switch (payment.status) {
    case 'requires_payment':
      return 'cancel';
    case 'cancelled':
    case 'failed':
      return 'already-over';
    case 'processing':
      return 'in-progress';
    default:
      return 'captured';
  }
}

export interface SettlementPatch {
  readonly status: PaymentStatus;
  readonly failureReason: FailureReason | null;
  readonly declineCode?: string | null;
  readonly capturedAmount?: number;
  readonly pspChargeId?: string;
  readonly succeededAt?: Date;
  readonly reconcileUntil: Date | null;
}

export type PaymentEventOf =
  | { readonly type: 'payment.succeeded' }
  | { readonly type: 'payment.failed'; readonly reason: FailureReason };

export interface Settlement {
  readonly patch: SettlementPatch;
  /** Published with the change; absent when the change is bookkeeping only. */
  readonly event?: PaymentEventOf;
}

const unknownOutcome = (reason: FailureReason | null) => reason === 'timeout' || reason === 'error';

export interface SettlementRules {
  /** How long after an unknown outcome the PSP is still asked about the charge. */
  readonly reconcileWindowMs: number;
  /** Charges a payment may have in all; the decline of the last one fails the payment. */
  readonly maxChargeAttempts: number;
}

/** The outcome of one charge: which attempt of the payment it was, and what the PSP said. */
export interface AttemptOutcome {
  readonly attempt: number;
  readonly outcome: ChargeOutcome;
}

/**
 * Applies the outcome of a payment's charge. Undefined when it changes nothing (a repeated webhook, a poll
 * that learns what is already known, the report of an attempt that is not the latest), so settling the
 * same outcome twice publishes one event.
 */
export function settleCharge(
  payment: PaymentState,
  charge: AttemptOutcome,
  now: Date,
  rules: SettlementRules,
): Settlement | undefined {
  if (charge.attempt !== payment.chargeAttempts) return undefined;
  const { outcome } = charge;
  const succeeded = (chargeId: string): Settlement => ({
    patch: {
      status: 'succeeded',
      failureReason: null,
      declineCode: null,
      capturedAmount: payment.amount,
      pspChargeId: chargeId,
      succeededAt: now,
      reconcileUntil: null,
    },
    event: { type: 'payment.succeeded' },
  });
  if (payment.status === 'processing') {
    switch (outcome.kind) {
      case 'succeeded':
        return succeeded(outcome.chargeId);
      case 'declined':
        if (charge.attempt < rules.maxChargeAttempts)
          return {
            patch: {
              status: 'requires_payment',
              failureReason: null,
              declineCode: outcome.declineCode,
              ...(outcome.chargeId ? { pspChargeId: outcome.chargeId } : {}),
              reconcileUntil: null,
            },
          };
        return {
          patch: {
            status: 'failed',
            failureReason: 'declined',
            declineCode: outcome.declineCode,
            ...(outcome.chargeId ? { pspChargeId: outcome.chargeId } : {}),
            reconcileUntil: null,
          },
          event: { type: 'payment.failed', reason: 'declined' },
        };
      case 'timeout':
      case 'error':
        return {
          patch: {
            status: 'failed',
            failureReason: outcome.kind,
            reconcileUntil: new Date(now.getTime() + rules.reconcileWindowMs),
          },
          event: { type: 'payment.failed', reason: outcome.kind },
        };
    }
  }
  if (payment.status === 'failed' && unknownOutcome(payment.failureReason)) {
    if (outcome.kind === 'succeeded') return succeeded(outcome.chargeId);
    // The PSP settled it as not charged: nothing more to learn.
    if (outcome.kind === 'declined')
      return { patch: { status: 'failed', failureReason: payment.failureReason, reconcileUntil: null } };
  }
  return undefined;
}

export const capturedStatuses: readonly PaymentStatus[] = ['succeeded', 'partially_refunded', 'refunded'];

export type RefundRefusal =
  | { readonly reason: 'not-captured' }
  | { readonly reason: 'fully-refunded' }
  | { readonly reason: 'exceeds-refundable'; readonly refundable: number };

/**
 * How much to refund: `requested`, or what is left when absent. `committed` is what succeeded and
 * pending refunds already take, so the refunds of a payment never add up to more than it captured.
 */
export function planRefund(
  payment: { readonly status: PaymentStatus; readonly capturedAmount: number },
  committed: number,
  requested: number | undefined,
): { readonly amount: number } | RefundRefusal {
  if (!capturedStatuses.includes(payment.status)) return { reason: 'not-captured' };
  const refundable = payment.capturedAmount - committed;
  if (refundable <= 0) return { reason: 'fully-refunded' };
  const amount = requested ?? refundable;
  if (amount > refundable) return { reason: 'exceeds-refundable', refundable };
  return { amount };
}

export function statusAfterRefunds(capturedAmount: number, refundedAmount: number): PaymentStatus {
  if (refundedAmount <= 0) return 'succeeded';
  return refundedAmount >= capturedAmount ? 'refunded' : 'partially_refunded';
}
