import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * `urr-entry-token`: the Tier-2 admission pass that queue-service issues and the gateway and
 * edge-auth check on seat, reservation and payment routes. HS256 with its own secret, 600 s.
 */
export const entryTokenCookieName = 'urr-entry-token';
export const entryTokenHeaderName = 'x-queue-entry-token';
export const entryTokenTtlSeconds = 600;
const issuer = 'urr-queue';

export interface EntryTokenClaims {
  readonly userId: string;
  readonly eventId: string;
}

export type EntryTokenFailure = 'expired' | 'invalid' | 'wrong-event';

export class EntryTokenError extends Error {
  constructor(readonly reason: EntryTokenFailure) {
    super(`entry token ${reason}`);
    this.name = 'EntryTokenError';
  }
}

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('the entry token secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

export async function signEntryToken(
  claims: EntryTokenClaims,
  secret: string,
  now: Date = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ eventId: claims.eventId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(issuer)
    .setAudience(claims.eventId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + entryTokenTtlSeconds)
    .sign(keyOf(secret));
}

/** Verifies the token for `eventId` (when given); throws {@link EntryTokenError} naming why it failed. */
export async function verifyEntryToken(
  token: string,
  secret: string,
  options: { eventId?: string; now?: Date } = {},
): Promise<EntryTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer,
      ...(options.eventId ? { audience: options.eventId } : {}),
      ...(options.now ? { currentDate: options.now } : {}),
    });
    if (typeof payload.sub !== 'string' || typeof payload.eventId !== 'string')
      throw new EntryTokenError('invalid');
    return { userId: payload.sub, eventId: payload.eventId };
  } catch (error) {
    if (error instanceof EntryTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new EntryTokenError('expired');
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
      throw new EntryTokenError('wrong-event');
    throw new EntryTokenError('invalid');
  }
}
