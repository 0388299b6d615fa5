/** An Idempotency-Key and the exact payment attempt it was made for. */
export interface HeldKey {
  readonly fingerprint: string;
  readonly key: string;
}

/**
 * The Idempotency-Key for a payment attempt: the same one when the fan retries the very same attempt (after
 * a timeout or a lost answer, so the card is charged at most once), a new one when anything changed (the
 * server refuses a key reused for another request). Kept in memory only: it is derived from card details.
 */
export function keyForAttempt(held: HeldKey | undefined, fingerprint: string, newKey: () => string): HeldKey {
  if (held && held.fingerprint === fingerprint) return held;
  return { fingerprint, key: newKey() };
}

export function attemptFingerprint(
  paymentId: string,
  card: { cardNumber: string; expMonth: number; expYear: number; cvc: string },
): string {
  return [paymentId, card.cardNumber.replace(/[\s-]/g, ''), card.expMonth, card.expYear, card.cvc].join('|');
}

/** The test PSP's cards (services/payment/README.md), shown as a hint on the payment form. */
export const testCards = [
  { number: '4242 4242 4242 4242', outcome: '결제 성공 (Visa)' },
  { number: '5555 5555 5555 4444', outcome: '결제 성공 (Mastercard)' },
  { number: '4000 0000 0000 0002', outcome: '카드 거절' },
  { number: '4000 0000 0000 9995', outcome: '잔액 부족' },
  { number: '4000 0000 0000 0119', outcome: '응답 없음 (시간 초과)' },
] as const;

/** A random key (128 bits, hex); `crypto.getRandomValues` works on plain-http pages too. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pay-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
