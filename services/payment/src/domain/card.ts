/** Card facts the service may keep and show (never the number itself). */
export interface CardSummary {
  readonly brand: 'visa' | 'mastercard' | 'amex' | 'unknown';
  readonly last4: string;
}

/** The Luhn checksum every real card number satisfies; catches most typos before a charge is tried. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function summarizeCard(number: string): CardSummary {
  const prefix2 = Number(number.slice(0, 2));
  const prefix4 = Number(number.slice(0, 4));
  const brand = number.startsWith('4')
    ? 'visa'
    : (prefix2 >= 51 && prefix2 <= 55) || (prefix4 >= 2221 && prefix4 <= 2720)
      ? 'mastercard'
      : prefix2 === 34 || prefix2 === 37
        ? 'amex'
        : 'unknown';
  return { brand, last4: number.slice(-4) };
}

/** A card is good through the last day of its expiry month. */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const firstDayAfter = Date.UTC(expYear, expMonth, 1);
  return now.getTime() >= firstDayAfter;
}
