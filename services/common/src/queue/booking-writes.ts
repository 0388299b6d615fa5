/**
 * The fan's booking writes, which need a Tier-2 entry token (`urr-entry-token`): holding seats, creating a
 * reservation and paying for it. Reading (seat maps, my reservations), acting on an existing reservation
 * later (cancel, transfer) and admin work (refunds) do not: the pass belongs to a live queue slot
 * (docs/adr/0009). The gateway and the edge both judge requests by this one list.
 */
/** The header in which the gateway forwards, to the booking services, the event of the verified entry pass. */
export const entryEventIdHeader = 'x-entry-event-id';

const guarded: readonly RegExp[] = [
  /^\/api\/v1\/seats(?:\/.*)?$/,
  /^\/api\/v1\/reservations$/,
  /^\/api\/v1\/payments\/[^/]+\/confirm$/,
];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `canonical` is the request path as the origin will resolve it, under `/api/v1`. */
export function isBookingWrite(method: string, canonical: string): boolean {
  return !safeMethods.has(method.toUpperCase()) && guarded.some((pattern) => pattern.test(canonical));
}
