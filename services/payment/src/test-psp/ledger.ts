import { randomBytes } from 'node:crypto';
import { summarizeCard } from '../domain/card.js';

export interface ChargeRecord {
  id: string;
  reference: string;
  status: 'processing' | 'succeeded' | 'failed';
  amount: number;
  currency: string;
  failureCode: string | null;
  refundedAmount: number;
  requestCount: number;
  metadata: Record<string, string>;
  card: { brand: string; last4: string };
  createdAt: string;
}

export interface RefundRecord {
  readonly id: string;
  readonly charge: string;
  readonly amount: number;
  readonly status: 'succeeded';
  readonly createdAt: string;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** The test PSP's books, in memory (a restart forgets them, as a sandbox may). */
export class Ledger {
  private readonly charges = new Map<string, ChargeRecord>();
  private readonly chargeByKey = new Map<string, string>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly refundByKey = new Map<string, string>();

  /** The charge an earlier request with `idempotencyKey` made (counting this request), if any. */
  replayCharge(idempotencyKey: string | undefined): ChargeRecord | undefined {
    const id = idempotencyKey ? this.chargeByKey.get(idempotencyKey) : undefined;
    const charge = id ? this.charges.get(id) : undefined;
    if (charge) charge.requestCount += 1;
    return charge;
  }

  openCharge(
    input: {
      reference: string;
      amount: number;
      currency: string;
      cardNumber: string;
      metadata: Record<string, string>;
    },
    idempotencyKey: string | undefined,
  ): ChargeRecord {
    const { brand, last4 } = summarizeCard(input.cardNumber);
    const charge: ChargeRecord = {
      id: newId('ch'),
      reference: input.reference,
      status: 'processing',
      amount: input.amount,
      currency: input.currency,
      failureCode: null,
      refundedAmount: 0,
      requestCount: 1,
      metadata: { ...input.metadata },
      card: { brand, last4 },
      createdAt: new Date().toISOString(),
    };
    this.charges.set(charge.id, charge);
    if (idempotencyKey) this.chargeByKey.set(idempotencyKey, charge.id);
    return charge;
  }

  charge(id: string): ChargeRecord | undefined {
    return this.charges.get(id);
  }

  chargesOf(reference: string): ChargeRecord[] {
    return [...this.charges.values()].filter((charge) => charge.reference === reference);
  }

  /** Refunds part or all of a captured charge; a repeated idempotency key returns the first refund. */
  refund(
    chargeId: string,
    amount: number,
    idempotencyKey: string | undefined,
  ): RefundRecord | { readonly error: 'no-such-charge' | 'not-captured' | 'exceeds-charge' } {
    const earlier = idempotencyKey ? this.refundByKey.get(idempotencyKey) : undefined;
    if (earlier) return this.refunds.get(earlier)!;
    const charge = this.charges.get(chargeId);
    if (!charge) return { error: 'no-such-charge' };
    if (charge.status !== 'succeeded') return { error: 'not-captured' };
    if (charge.refundedAmount + amount > charge.amount) return { error: 'exceeds-charge' };
    charge.refundedAmount += amount;
    const refund: RefundRecord = {
      id: newId('re'),
      charge: chargeId,
      amount,
      status: 'succeeded',
      createdAt: new Date().toISOString(),
    };
    this.refunds.set(refund.id, refund);
    if (idempotencyKey) this.refundByKey.set(idempotencyKey, refund.id);
    return refund;
  }

  newEventId(): string {
    return newId('evt');
  }
}
