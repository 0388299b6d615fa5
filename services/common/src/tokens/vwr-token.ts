import {
  Hs256JwtError,
  type Hs256Key,
  hs256JwtHeaderOf,
  hs256Key,
  signHs256Jwt,
  verifyHs256Jwt,
} from './hs256-jwt.js';

/**
 * `urr-vwr-token`: the Tier-1 pass that vwr-api issues when a user's waiting-room position is reached and
 * edge-auth checks on `/api/*`. HS256 with its own keys, 600 s, audience = the event id. The header names
 * the key (`kid`), so keys rotate without a flag day: sign with the current key, verify with any known one.
 */
export const vwrTokenCookieName = 'urr-vwr-token';
export const vwrTokenTtlSeconds = 600;
const issuer = 'urr-vwr';
const minimumSecretLength = 32;
const kidPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** The keys of the vwr token: one current key that signs, and older ones that still verify until retired. */
export class VwrTokenKeyring {
  private constructor(
    readonly currentKid: string,
    private readonly keys: ReadonlyMap<string, Hs256Key>,
  ) {}

  /** `secrets` maps kid → secret and must hold `currentKid`; every secret has at least 32 characters. */
  static of(currentKid: string, secrets: Readonly<Record<string, string>>): VwrTokenKeyring {
    const keys = new Map<string, Hs256Key>();
    for (const [kid, secret] of Object.entries(secrets)) {
      if (!kidPattern.test(kid)) throw new Error(`vwr token key id "${kid}" must match ${kidPattern}`);
      if (secret.length < minimumSecretLength)
        throw new Error(`vwr token key "${kid}" must be at least ${minimumSecretLength} characters`);
      keys.set(kid, hs256Key(new TextEncoder().encode(secret)));
    }
    if (!keys.has(currentKid))
      throw new Error(
        `the current vwr token key id "${currentKid}" is not among the keys (${[...keys.keys()]})`,
      );
    return new VwrTokenKeyring(currentKid, keys);
  }

  /** The current key plus retired ones written `kid=secret,kid=secret` (the form `VWR_TOKEN_RETIRED_KEYS` takes). */
  static withRetired(currentKid: string, currentSecret: string, retired = ''): VwrTokenKeyring {
    return VwrTokenKeyring.of(currentKid, { ...parseRetiredKeys(retired), [currentKid]: currentSecret });
  }

  keyOf(kid: string): Hs256Key | undefined {
    return this.keys.get(kid);
  }
}

/** Parses `kid=secret,kid=secret` into kid → secret. */
export function parseRetiredKeys(text: string): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of text.split(',').filter((entry) => entry.trim() !== '')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new Error('retired vwr token keys must be written kid=secret,kid=secret');
    secrets[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return secrets;
}

export interface VwrTokenClaims {
  readonly eventId: string;
  /** Who was admitted: the waiting-room slot, or a fresh id when a quiet sale admitted at once. */
  readonly subject: string;
  /** The account the pass was issued to; Tier 2 admits nobody else with it (docs/adr/0007). */
  readonly userId: string;
}

/** What a verified pass says: its claims and when it was issued (epoch seconds, docs/adr/0040). */
export interface VerifiedVwrToken extends VwrTokenClaims {
  readonly issuedAt: number;
}

export type VwrTokenFailure = 'expired' | 'invalid' | 'wrong-event' | 'unknown-key';

export class VwrTokenError extends Error {
  constructor(readonly reason: VwrTokenFailure) {
    super(`vwr token ${reason}`);
    this.name = 'VwrTokenError';
  }
}

export async function signVwrToken(
  claims: VwrTokenClaims,
  keyring: VwrTokenKeyring,
  /** When the admission happened; the token lives 600 s from then. */
  issuedAt: Date = new Date(),
): Promise<string> {
  const issuedAtSeconds = Math.floor(issuedAt.getTime() / 1000);
  return signHs256Jwt(
    {
      eventId: claims.eventId,
      uid: claims.userId,
      sub: claims.subject,
      iss: issuer,
      aud: claims.eventId,
      iat: issuedAtSeconds,
      exp: issuedAtSeconds + vwrTokenTtlSeconds,
    },
    keyring.keyOf(keyring.currentKid)!,
    { kid: keyring.currentKid },
  );
}

/**
 * Verifies the token for `eventId` (when given) with the key its `kid` names; throws {@link VwrTokenError}
 * naming why it failed.
 */
export async function verifyVwrToken(
  token: string,
  keyring: VwrTokenKeyring,
  options: { eventId?: string; now?: Date } = {},
): Promise<VerifiedVwrToken> {
  let kid: string | undefined;
  try {
    kid = hs256JwtHeaderOf(token).kid;
  } catch {
    throw new VwrTokenError('invalid');
  }
  const key = kid === undefined ? undefined : keyring.keyOf(kid);
  if (!key) throw new VwrTokenError('unknown-key');
  try {
    const payload = verifyHs256Jwt(token, key, {
      issuer,
      ...(options.eventId ? { audience: options.eventId } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.eventId !== 'string' ||
      typeof payload.uid !== 'string' ||
      payload.uid === '' ||
      typeof payload.iat !== 'number'
    )
      throw new VwrTokenError('invalid');
    return { eventId: payload.eventId, subject: payload.sub, userId: payload.uid, issuedAt: payload.iat };
  } catch (error) {
    if (error instanceof VwrTokenError) throw error;
    if (error instanceof Hs256JwtError && error.reason === 'expired') throw new VwrTokenError('expired');
    if (error instanceof Hs256JwtError && error.reason === 'wrong-audience')
      throw new VwrTokenError('wrong-event');
    throw new VwrTokenError('invalid');
  }
}
