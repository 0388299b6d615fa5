import type { ChargeOutcome } from '../domain/payment-state.js';

/**
 * The port payment-service charges cards through. The only adapter is the HTTP client of the test PSP
 * (`test-psp/`); a real PSP's adapter would implement the same three calls.
 */
export interface PaymentProvider {
  /** Charges a card. Never throws: a PSP that does not answer in time is a `timeout` outcome. */
  readonly charge: (request: ChargeRequest) => Promise<ChargeOutcome>;
  /** The charge made for `reference`'s `attempt`, if the PSP has one (for reconciling unknown outcomes). */
  readonly findCharge: (reference: string, attempt: number) => Promise<ProviderCharge | undefined>;
  readonly refund: (request: RefundRequest) => Promise<RefundOutcome>;
}

export interface CardDetails {
  readonly number: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvc: string;
}

export interface ChargeRequest {
  /** Our payment id: the PSP lists all of a payment's charges under it. */
  readonly reference: string;
  /**
   * Which charge of the payment this is (1, 2, …). Reference and attempt make the PSP's idempotency key,
   * so each attempt is charged at most once and a new attempt is never answered with an earlier decline.
   */
  readonly attempt: number;
  readonly amount: number;
  readonly currency: string;
  readonly card: CardDetails;
  readonly description?: string;
}

export interface ProviderCharge {
  readonly id: string;
  readonly reference: string;
  readonly status: 'processing' | 'succeeded' | 'failed';
  readonly amount: number;
  readonly currency: string;
  readonly failureCode: string | null;
  readonly refundedAmount: number;
  /** How many create requests reached this charge (idempotent retries included). */
  readonly requestCount: number;
  /** What we sent with the charge: `attempt` among it. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface RefundRequest {
  /** Our refund id; the PSP's idempotency key for it. */
  readonly refundId: string;
  readonly chargeId: string;
  readonly amount: number;
}

/**
 * `unknown`: no answer in time or a server error, so the refund may have happened; it stays pending and
 * is sent again with the same idempotency key until the PSP gives a definite answer.
 */
export type RefundOutcome =
  | { readonly kind: 'succeeded'; readonly pspRefundId: string }
  | { readonly kind: 'failed'; readonly detail: string }
  | { readonly kind: 'unknown'; readonly detail: string };

/** The PSP's idempotency key of a payment's attempt. */
export const chargeIdempotencyKey = (reference: string, attempt: number) => `${reference}:${attempt}`;

/** Which attempt of its payment a charge was; charges made before attempts were counted were the first. */
export function attemptOfCharge(charge: Pick<ProviderCharge, 'metadata'>): number {
  const attempt = Number(charge.metadata.attempt ?? 1);
  return Number.isInteger(attempt) && attempt > 0 ? attempt : 1;
}

/** What a charge the PSP reports (by poll or webhook) means for the payment. */
export function outcomeOfCharge(charge: ProviderCharge): ChargeOutcome | undefined {
  if (charge.status === 'succeeded') return { kind: 'succeeded', chargeId: charge.id };
  if (charge.status === 'failed')
    return { kind: 'declined', chargeId: charge.id, declineCode: charge.failureCode ?? 'failed' };
  return undefined;
}
