import { createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: what the refresh cookie carries. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores and looks up: HMAC-SHA256 keyed with the pepper from the environment. */
export function refreshTokenHash(token: string, pepper: string): string {
  return createHmac('sha256', pepper).update(token).digest('hex');
}

/** Refresh tokens are opaque: anything else in the cookie is not worth a database round trip. */
export function looksLikeRefreshToken(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}
