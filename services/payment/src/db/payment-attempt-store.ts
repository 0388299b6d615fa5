import { type DbClient, keptStatement, placeholderValue } from '@urr/common';
import { and, eq, sql } from 'drizzle-orm';
import type { ChargeOutcome, ChargeOutcomeKind } from '../domain/payment-state.js';
import { paymentAttempts } from './schema.js';

const insertAttemptRow = keptStatement((db) =>
  db.insert(paymentAttempts).values({
    paymentId: sql.placeholder('paymentId'),
    attempt: sql.placeholder('attempt'),
    cardBrand: sql.placeholder('cardBrand'),
    cardLast4: sql.placeholder('cardLast4'),
    startedAt: sql.placeholder('startedAt'),
  }),
);

/** The attempt a confirm starts, under the payment's row lock; its outcome is recorded when settled. */
export function insertPaymentAttempt(
  db: DbClient,
  attempt: Omit<typeof paymentAttempts.$inferInsert, 'outcome' | 'declineCode' | 'pspChargeId' | 'settledAt'>,
) {
  return insertAttemptRow(db, attempt);
}

/** An outcome's update, with the PSP's charge id or without one (an outcome without it keeps the column). */
const attemptOutcomeUpdate = (withChargeId: boolean) =>
  keptStatement((db) =>
    db
      .update(paymentAttempts)
      .set({
        outcome: placeholderValue<ChargeOutcomeKind>('outcome'),
        declineCode: placeholderValue<string | null>('declineCode'),
        ...(withChargeId ? { pspChargeId: placeholderValue<string>('pspChargeId') } : {}),
        settledAt: placeholderValue<Date>('settledAt'),
      })
      .where(
        and(
          eq(paymentAttempts.paymentId, sql.placeholder('paymentId')),
          eq(paymentAttempts.attempt, sql.placeholder('attempt')),
        ),
      ),
  );
const recordOutcomeWithChargeId = attemptOutcomeUpdate(true);
const recordOutcomeWithoutChargeId = attemptOutcomeUpdate(false);

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
  const values = {
    paymentId: input.paymentId,
    attempt: input.attempt,
    outcome: outcome.kind,
    declineCode: outcome.kind === 'declined' ? outcome.declineCode : null,
    settledAt: input.at,
  };
  return 'chargeId' in outcome && outcome.chargeId
    ? recordOutcomeWithChargeId(db, { ...values, pspChargeId: outcome.chargeId })
    : recordOutcomeWithoutChargeId(db, values);
}
