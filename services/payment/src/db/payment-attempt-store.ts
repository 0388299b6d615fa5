import type { DbClient } from '@urr/common';
import { and, eq } from 'drizzle-orm';
import type { ChargeOutcome } from '../domain/payment-state.js';
import { paymentAttempts } from './schema.js';

/** The attempt a confirm starts, under the payment's row lock; its outcome is recorded when settled. */
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
