import { isIP } from 'node:net';

/**
 * The client's address: the socket peer, or, behind `trustedProxyHops` proxies of our own (the edge,
 * a load balancer), the X-Forwarded-For entry the outermost of them added. Entries left of that are
 * whatever the client wrote and are never trusted, so a client cannot pick its rate-limit key.
 */
export function clientIpOf(options: {
  readonly peer: string | undefined;
  readonly forwardedFor: string | undefined;
  readonly trustedProxyHops: number;
}): string {
  const peer = normalise(options.peer) ?? 'unknown';
  if (options.trustedProxyHops === 0) return peer;
  const chain = (options.forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const candidate = chain[chain.length - options.trustedProxyHops];
  return normalise(candidate) ?? peer;
}

function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const unmapped = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(unmapped) ? unmapped : undefined;
}
