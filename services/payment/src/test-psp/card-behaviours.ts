import { isExpired, passesLuhn } from '../domain/card.js';

/** What the test PSP does with a charge of a given card. */
export type CardBehaviour =
  | { readonly kind: 'succeed' }
  | { readonly kind: 'decline'; readonly code: string }
  /** No answer until the client gives up; the charge ends failed (`processing_error`), never captured. */
  | { readonly kind: 'timeout' }
  /** No answer in time either, but the charge is captured a little later and reported by webhook and poll. */
  | { readonly kind: 'late-success' };

/**
 * The test card numbers, Stripe's where Stripe has one (the README lists them for people). Any expiry in
 * the future and any CVC work; any other number that passes the Luhn check succeeds.
 */
export const testCards: Readonly<Record<string, CardBehaviour & { readonly description: string }>> = {
  '4242424242424242': { kind: 'succeed', description: 'Visa: succeeds' },
  '5555555555554444': { kind: 'succeed', description: 'Mastercard: succeeds' },
  '4000000000000002': { kind: 'decline', code: 'card_declined', description: 'declined (generic)' },
  '4000000000009995': {
    kind: 'decline',
    code: 'insufficient_funds',
    description: 'declined: insufficient funds',
  },
  '4000000000000119': { kind: 'timeout', description: 'no answer in time; never charged' },
  '4000000000000259': {
    kind: 'late-success',
    description: 'no answer in time; charged later (webhook + poll report the success)',
  },
};

export function behaviourOf(
  card: { readonly number: string; readonly expMonth: number; readonly expYear: number },
  now: Date,
): CardBehaviour {
  if (!passesLuhn(card.number)) return { kind: 'decline', code: 'incorrect_number' };
  if (isExpired(card.expMonth, card.expYear, now)) return { kind: 'decline', code: 'expired_card' };
  const listed = testCards[card.number];
  if (!listed) return { kind: 'succeed' };
  const { description: _description, ...behaviour } = listed;
  return behaviour;
}
