import { randomUUID } from 'node:crypto';
import { HttpProblem } from '@urr/common';
import type { PaymentContext } from '../context.js';
import { findPaymentRow, insertPaymentOnce, type PaymentRow } from '../db/payment-store.js';

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
  const inserted = await insertPaymentOnce(context.db, { id: randomUUID(), ...intent });
  if (inserted) return { payment: inserted, created: true };
  const existing = await findPaymentRow(context.db, { reservationId: intent.reservationId });
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
