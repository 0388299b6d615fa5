import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** No 0/O or 1/I/L, so a code read out loud or copied by hand comes through. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 10;

/** A one-time code the sender of a transfer passes to the recipient, who claims the tickets with it. */
export function newClaimCode(): string {
  return Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Only this is stored, so a database reader cannot claim transfers. */
export function hashClaimCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

export function claimCodeMatches(code: string, storedHash: string): boolean {
  const presented = Buffer.from(hashClaimCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
