import { Hs256JwtError, type Hs256Key, hs256Key, signHs256Jwt, verifyHs256Jwt } from './hs256-jwt.js';

/**
 * `urr-entry-token`: the Tier-2 admission pass that queue-service issues and the gateway and
 * edge-auth check on seat, reservation and payment routes. HS256 with its own secret, 600 s.
 * It names the slot it was issued for; the gateway honours it only while that slot is live
 * (docs/adr/0009).
 */
export const entryTokenCookieName = 'urr-entry-token';
export const entryTokenHeaderName = 'x-queue-entry-token';
export const entryTokenTtlSeconds = 600;
const issuer = 'urr-queue';

export interface EntryTokenClaims {
  readonly userId: string;
  readonly eventId: string;
  /** The Tier-2 slot (queue-service's arrival number of the entry that was admitted). */
  readonly slot: string;
}

export type EntryTokenFailure = 'expired' | 'invalid' | 'wrong-event';

export class EntryTokenError extends Error {
  constructor(readonly reason: EntryTokenFailure) {
    super(`entry token ${reason}`);
    this.name = 'EntryTokenError';
  }
}

const keys = new Map<string, Hs256Key>();

/** The secret's key, made once: a process has one secret, or two while it rotates. */
function keyOf(secret: string): Hs256Key {
  if (secret.length < 32) throw new Error('the entry token secret must be at least 32 characters');
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 8) keys.clear();
    key = hs256Key(new TextEncoder().encode(secret));
    keys.set(secret, key);
  }
  return key;
}

export async function signEntryToken(
  claims: EntryTokenClaims,
  secret: string,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return signHs256Jwt(
    {
      eventId: claims.eventId,
      slot: claims.slot,
      sub: claims.userId,
      iss: issuer,
      aud: claims.eventId,
      iat: issuedAt,
      exp: issuedAt + entryTokenTtlSeconds,
    },
    keyOf(secret),
  );
}

/** Verifies the token for `eventId` (when given); throws {@link EntryTokenError} naming why it failed. */
export async function verifyEntryToken(
  token: string,
  secret: string,
  options: { eventId?: string; now?: Date } = {},
): Promise<EntryTokenClaims> {
  try {
    const payload = verifyHs256Jwt(token, keyOf(secret), {
      issuer,
      ...(options.eventId ? { audience: options.eventId } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const { sub, eventId, slot } = payload;
    if (typeof sub !== 'string' || typeof eventId !== 'string' || typeof slot !== 'string' || slot === '')
      throw new EntryTokenError('invalid');
    return { userId: sub, eventId, slot };
  } catch (error) {
    if (error instanceof EntryTokenError) throw error;
    if (error instanceof Hs256JwtError && error.reason === 'expired') throw new EntryTokenError('expired');
    if (error instanceof Hs256JwtError && error.reason === 'wrong-audience')
      throw new EntryTokenError('wrong-event');
    throw new EntryTokenError('invalid');
  }
}
