/**
 * Routes that need a Tier-2 entry token (`urr-entry-token`): the writes of the booking flow, i.e. holding
 * seats, creating a reservation and paying. Reading (seat maps, my reservations) and acting on an
 * existing reservation later (cancel, transfer) do not, since the queue pass expires after 600 s.
 */
const guarded: readonly RegExp[] = [
  /^\/api\/v1\/seats(?:\/.*)?$/,
  /^\/api\/v1\/reservations$/,
  /^\/api\/v1\/payments(?:\/.*)?$/,
];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requiresEntryToken(method: string, canonical: string): boolean {
  return !safeMethods.has(method.toUpperCase()) && guarded.some((pattern) => pattern.test(canonical));
}
