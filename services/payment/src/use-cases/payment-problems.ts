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

/**
 * The answer to a confirm whose card was declined. `attemptsLeft` (an extension member) says how many
 * more cards the fan may try while the hold lasts; 0 when this decline failed the payment for good.
 */
export function cardDeclined(payment: PaymentRow, declineCode: string, attemptsLeft: number): HttpProblem {
  return new HttpProblem(402, {
    type: 'urn:urr:problem:card-declined',
    title: 'Card declined',
    detail:
      attemptsLeft > 0
        ? `the card was declined (${declineCode}); another card may be tried while the seat hold lasts (${attemptsLeft} attempts left)`
        : `the card was declined (${declineCode}) and no attempts are left: the payment failed and its reservation is released`,
    declineCode,
    attemptsLeft,
    paymentId: payment.id,
    paymentStatus: payment.status,
  });
}

/** The answer to a confirm whose charge has an unknown outcome: the payment failed (and is reconciled). */
export function providerFailed(payment: PaymentRow, reason: 'timeout' | 'error'): HttpProblem {
  const facts = { paymentId: payment.id, paymentStatus: payment.status };
  if (reason === 'timeout')
    return new HttpProblem(504, {
      type: 'urn:urr:problem:payment-provider-timeout',
      title: 'Payment provider timeout',
      detail:
        'the payment provider did not answer in time, so the payment failed; if the card was charged after all, it is refunded',
      ...facts,
    });
  return new HttpProblem(502, {
    type: 'urn:urr:problem:payment-provider-error',
    title: 'Payment provider error',
    detail: 'the payment provider could not process the charge',
    ...facts,
  });
}
