/**
 * Routes that need a Tier-2 entry token (`urr-entry-token`): the fan's booking writes, i.e. holding seats,
 * creating a reservation and paying for it. Reading (seat maps, my reservations), acting on an existing
 * reservation later (cancel, transfer) and admin work (refunds) do not: the pass belongs to a live queue slot.
 */
const guarded: readonly RegExp[] = [
  /^\/api\/v1\/seats(?:\/.*)?$/,
  /^\/api\/v1\/reservations$/,
  /^\/api\/v1\/payments\/[^/]+\/confirm$/,
];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requiresEntryToken(method: string, canonical: string): boolean {
  return !safeMethods.has(method.toUpperCase()) && guarded.some((pattern) => pattern.test(canonical));
}
