import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * HS256 JSON Web Tokens signed and verified with node:crypto's one-shot HMAC, for the passes checked on
 * every request (the waiting room's and the queue's). WebCrypto through jose ran each HMAC as an
 * asynchronous job, about 11 % of the edge's CPU in a sale (docs/adr/0056). Verification follows jose's
 * rules: the signature first, then `iss`, `aud`, `iat`, `nbf` and `exp`, in that order; a token must carry
 * `exp`.
 */

export type Hs256JwtFailure = 'invalid' | 'expired' | 'wrong-audience';

export class Hs256JwtError extends Error {
  constructor(readonly reason: Hs256JwtFailure) {
    super(`token ${reason}`);
    this.name = 'Hs256JwtError';
  }
}

export type Hs256Key = KeyObject;

/** A key for {@link signHs256Jwt} and {@link verifyHs256Jwt}, made once per secret. */
export function hs256Key(secret: Uint8Array): Hs256Key {
  return createSecretKey(secret);
}

const segment = /^[A-Za-z0-9_-]+$/;
/** 32 bytes of HMAC-SHA256 in unpadded base64url. */
const signatureLength = 43;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeObject(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Hs256JwtError('invalid');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Hs256JwtError('invalid');
  return value as Record<string, unknown>;
}

const mac = (key: Hs256Key, signed: string) => createHmac('sha256', key).update(signed).digest();

export function signHs256Jwt(
  payload: Readonly<Record<string, unknown>>,
  key: Hs256Key,
  header: { readonly kid?: string } = {},
): string {
  const signed = `${encode({ alg: 'HS256', typ: 'JWT', ...header })}.${encode(payload)}`;
  return `${signed}.${mac(key, signed).toString('base64url')}`;
}

/** The three segments of a compact JWS, or `invalid`. */
function segmentsOf(token: string): [string, string, string] {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => segment.test(part))) throw new Hs256JwtError('invalid');
  return parts as [string, string, string];
}

/** The protected header, unverified: only to pick the key its `kid` names. */
export function hs256JwtHeaderOf(token: string): { readonly kid?: string } {
  const header = decodeObject(segmentsOf(token)[0]);
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new Hs256JwtError('invalid');
  return header.kid === undefined ? {} : { kid: header.kid };
}

export interface Hs256JwtChecks {
  readonly issuer: string;
  /** When given, `aud` must be it or list it. */
  readonly audience?: string;
  /** @default the system clock */
  readonly now?: Date;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The verified claims; throws {@link Hs256JwtError} naming why the token is refused. */
export function verifyHs256Jwt(
  token: string,
  key: Hs256Key,
  checks: Hs256JwtChecks,
): Record<string, unknown> {
  const [headerPart, payloadPart, signaturePart] = segmentsOf(token);
  const header = decodeObject(headerPart);
  if (header.alg !== 'HS256' || 'crit' in header || 'b64' in header) throw new Hs256JwtError('invalid');
  if (signaturePart.length !== signatureLength) throw new Hs256JwtError('invalid');
  const given = Buffer.from(signaturePart, 'base64url');
  // Unused trailing bits would let one signature be written several ways.
  if (given.toString('base64url') !== signaturePart) throw new Hs256JwtError('invalid');
  if (!timingSafeEqual(given, mac(key, `${headerPart}.${payloadPart}`))) throw new Hs256JwtError('invalid');

  const claims = decodeObject(payloadPart);
  if (claims.iss !== checks.issuer) throw new Hs256JwtError('invalid');
  if (checks.audience !== undefined) {
    const { aud } = claims;
    const listed = Array.isArray(aud) ? aud.includes(checks.audience) : aud === checks.audience;
    if (!listed) throw new Hs256JwtError('wrong-audience');
  }
  const now = Math.floor((checks.now ?? new Date()).getTime() / 1000);
  if (claims.iat !== undefined && !isTime(claims.iat)) throw new Hs256JwtError('invalid');
  if (claims.nbf !== undefined && (!isTime(claims.nbf) || claims.nbf > now))
    throw new Hs256JwtError('invalid');
  if (!isTime(claims.exp)) throw new Hs256JwtError('invalid');
  if (claims.exp <= now) throw new Hs256JwtError('expired');
  return claims;
}
