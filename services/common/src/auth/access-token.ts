import { z } from 'zod';
import { userRoles } from './auth-user.js';

/**
 * The contract between auth-service, which signs access tokens, and the gateway, which verifies them:
 * cookie names, the algorithm, the claims and where the public keys are published.
 */
export const accessTokenCookieName = 'urr-access-token';
export const refreshTokenCookieName = 'urr-refresh-token';
/**
 * Readable by the web app (not HttpOnly, no secret in it): "a session may exist", set and cleared with
 * the session cookies, so a signed-out page does not ask `/auth/me` and `/auth/refresh` only to hear 401.
 * The web app's `frontend/src/lib/session-hint.ts` names it too.
 */
export const sessionHintCookieName = 'urr-signed-in';
/** ECDSA P-256: only auth-service holds the private key; the gateway needs the public key alone. */
export const accessTokenAlgorithm = 'ES256';
/** RFC 9068 access token type, so an ID token or another JWT signed by the same key is not taken for one. */
export const accessTokenType = 'at+jwt';
export const defaultAccessTokenIssuer = 'urr-auth';
export const defaultAccessTokenAudience = 'urr-api';
/** auth-service's JWKS (RFC 7517) with the public keys that verify access tokens. */
export const accessTokenJwksPath = '/api/v1/auth/.well-known/jwks.json';

export const accessTokenClaimsSchema = z.object({
  sub: z.uuid(),
  email: z.email(),
  role: z.enum(userRoles),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;
