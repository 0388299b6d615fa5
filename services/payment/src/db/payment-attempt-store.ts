import type { DbClient } from '@urr/common';
import { and, asc, eq } from 'drizzle-orm';
import type { ChargeOutcome } from '../domain/payment-state.js';
import { paymentAttempts } from './schema.js';

export type PaymentAttemptRow = typeof paymentAttempts.$inferSelect;

export function insertPaymentAttempt(
  db: DbClient,
  attempt: Omit<typeof paymentAttempts.$inferInsert, 'outcome' | 'declineCode' | 'pspChargeId' | 'settledAt'>,
) {
  return db.insert(paymentAttempts).values(attempt);
}

/** What the PSP said about the attempt; a later word (a late success after a timeout) replaces an earlier. */
export function recordAttemptOutcome(
  db: DbClient,
  input: {
    readonly paymentId: string;
    readonly attempt: number;
    readonly outcome: ChargeOutcome;
    readonly at: Date;
  },
) {
  const { outcome } = input;
  return db
    .update(paymentAttempts)
    .set({
      outcome: outcome.kind,
      declineCode: outcome.kind === 'declined' ? outcome.declineCode : null,
      ...('chargeId' in outcome && outcome.chargeId ? { pspChargeId: outcome.chargeId } : {}),
      settledAt: input.at,
    })
    .where(and(eq(paymentAttempts.paymentId, input.paymentId), eq(paymentAttempts.attempt, input.attempt)));
}

/** A payment's attempts, first first. */
export function attemptsOfPayment(db: DbClient, paymentId: string): Promise<PaymentAttemptRow[]> {
  return db
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.paymentId, paymentId))
    .orderBy(asc(paymentAttempts.attempt));
}
