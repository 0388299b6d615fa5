import { randomUUID } from 'node:crypto';
import { HttpProblem } from '@urr/common';
import { asc, eq } from 'drizzle-orm';
import type { PaymentContext, PaymentRow, RefundRow } from '../context.js';
import { payments, refunds } from '../db/schema.js';

export interface NewPaymentIntent {
  readonly reservationId: string;
  readonly userId: string;
  readonly eventId: string;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: Date;
}

/**
 * The payment of a reservation, created once: asking again for the same reservation answers the same
 * payment (`created: false`), and asking with other facts for it is a conflict.
 */
export async function createPaymentIntent(
  context: PaymentContext,
  intent: NewPaymentIntent,
): Promise<{ readonly payment: PaymentRow; readonly created: boolean }> {
  if (intent.expiresAt.getTime() <= Date.now())
    throw new HttpProblem(422, {
      type: 'urn:urr:problem:payment-expired',
      title: 'Hold already ended',
      detail: 'expiresAt is in the past: the reservation can no longer be paid',
    });
  const [inserted] = await context.db
    .insert(payments)
    .values({ id: randomUUID(), ...intent })
    .onConflictDoNothing({ target: payments.reservationId })
    .returning();
  if (inserted) return { payment: inserted, created: true };
  const [existing] = await context.db
    .select()
    .from(payments)
    .where(eq(payments.reservationId, intent.reservationId));
  if (!existing)
    throw new Error(`payment of reservation ${intent.reservationId} conflicted but is not there`);
  const same =
    existing.userId === intent.userId &&
    existing.eventId === intent.eventId &&
    existing.amount === intent.amount &&
    existing.currency === intent.currency;
  if (!same)
    throw new HttpProblem(409, {
      type: 'urn:urr:problem:reservation-has-payment',
      title: 'Reservation already has a payment',
      detail: `reservation ${intent.reservationId} has a payment with other user, event, amount or currency`,
      paymentId: existing.id,
    });
  return { payment: existing, created: false };
}

export async function findPayment(
  db: PaymentContext['db'],
  by: { readonly id: string } | { readonly reservationId: string },
): Promise<{ readonly payment: PaymentRow; readonly refunds: RefundRow[] } | undefined> {
  const [payment] = await db
    .select()
    .from(payments)
    .where('id' in by ? eq(payments.id, by.id) : eq(payments.reservationId, by.reservationId));
  if (!payment) return undefined;
  const ofPayment = await db
    .select()
    .from(refunds)
    .where(eq(refunds.paymentId, payment.id))
    .orderBy(asc(refunds.createdAt));
  return { payment, refunds: ofPayment };
}
