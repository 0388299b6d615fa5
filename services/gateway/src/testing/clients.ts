import { randomBytes } from 'node:crypto';

/** A client address no other test (or earlier run within the rate-limit window) uses: 2001:db8::/32. */
export function uniqueClientIp(): string {
  const groups = Array.from({ length: 6 }, () => randomBytes(2).toString('hex'));
  return `2001:db8:${groups.join(':')}`;
}
