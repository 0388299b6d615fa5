import { HttpProblem } from '@urr/common';
import type { PaymentRow } from '../db/payment-store.js';
import type { ChargeRefusal } from '../domain/payment-state.js';

export const paymentNotFound = (id: string) =>
  new HttpProblem(404, {
    type: 'urn:urr:problem:payment-not-found',
    title: 'Payment not found',
    detail: `no payment ${id}`,
  });

export const notYourPayment = () =>
  new HttpProblem(403, {
    type: 'urn:urr:problem:payment-forbidden',
    title: 'Forbidden',
    detail: 'this payment belongs to another user',
  });

const refusals: Record<ChargeRefusal, { title: string; detail: string }> = {
  'already-paid': { title: 'Already paid', detail: 'this payment has been paid already' },
  'in-progress': { title: 'Payment in progress', detail: 'a charge for this payment is being processed' },
  failed: {
    title: 'Payment failed',
    detail: 'this payment failed and its reservation is released; make a new reservation',
  },
  expired: { title: 'Payment window closed', detail: 'the seat hold for this payment has ended' },
  cancelled: {
    title: 'Payment cancelled',
    detail: 'the reservation of this payment was cancelled: there is nothing to pay',
  },
};

export function chargeRefused(refusal: ChargeRefusal, payment: PaymentRow): HttpProblem {
  return new HttpProblem(409, {
    type: `urn:urr:problem:payment-${refusal}`,
    ...refusals[refusal],
    paymentId: payment.id,
    paymentStatus: payment.status,
  });
}

/** The answer to a confirm whose charge did not succeed. */
export function chargeFailed(payment: PaymentRow): HttpProblem {
  const facts = { paymentId: payment.id, paymentStatus: payment.status };
  switch (payment.failureReason) {
    case 'declined':
      return new HttpProblem(402, {
        type: 'urn:urr:problem:card-declined',
        title: 'Card declined',
        detail: `the card was declined (${payment.declineCode ?? 'card_declined'})`,
        declineCode: payment.declineCode,
        ...facts,
      });
    case 'timeout':
      return new HttpProblem(504, {
        type: 'urn:urr:problem:payment-provider-timeout',
        title: 'Payment provider timeout',
        detail:
          'the payment provider did not answer in time, so the payment failed; if the card was charged after all, it is refunded',
        ...facts,
      });
    default:
      return new HttpProblem(502, {
        type: 'urn:urr:problem:payment-provider-error',
        title: 'Payment provider error',
        detail: 'the payment provider could not process the charge',
        ...facts,
      });
  }
}
