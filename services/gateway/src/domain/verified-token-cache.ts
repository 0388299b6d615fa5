import type { AuthUser } from '@urr/common';
import { decodeJwt } from 'jose';

export interface VerifiedTokenCacheOptions {
  /** The verification that counts: signature, algorithm, issuer, audience, expiry, claims. */
  readonly verify: (token: string) => Promise<AuthUser>;
  /** Tokens remembered at most; the oldest goes first. */
  readonly maxEntries: number;
  /** A token is verified again after this, so a key auth-service withdraws stops working soon. */
  readonly maxAgeMs: number;
  readonly now: () => number;
}

interface Verified {
  readonly user: AuthUser;
  /** Before its own `exp` and before `maxAgeMs` after verification, whichever comes first. */
  readonly validUntilMs: number;
}

/**
 * Verifies each access token once, then answers from memory until the token's own `exp` (never later,
 * and without the verifier's clock tolerance) or `maxAgeMs`: a browser sends the same token with every
 * request for its whole life, and an ES256 verification is most of a signed-in request's cost
 * (docs/adr/0038). The key is the whole token text, so a token differing by one character is verified on
 * its own; refusals are not remembered.
 */
export function cachedTokenVerifier(
  options: VerifiedTokenCacheOptions,
): (token: string) => Promise<AuthUser> {
  const verified = new Map<string, Verified>();
  return async (token) => {
    const now = options.now();
    const known = verified.get(token);
    if (known && now < known.validUntilMs) return known.user;
    if (known) verified.delete(token);
    const user = await options.verify(token);
    const { exp } = decodeJwt(token);
    if (typeof exp !== 'number') return user;
    const validUntilMs = Math.min(exp * 1000, now + options.maxAgeMs);
    if (verified.size >= options.maxEntries) verified.delete(verified.keys().next().value as string);
    verified.set(token, { user, validUntilMs });
    return user;
  };
}
