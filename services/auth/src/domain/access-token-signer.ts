import { createPublicKey, type KeyObject, randomUUID } from 'node:crypto';
import type { AuthUser } from '@urr/common';
import { accessTokenAlgorithm, accessTokenType } from '@urr/common/auth/access-token';
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from 'jose';

export interface AccessTokenSignerOptions {
  readonly privateKey: KeyObject;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

export interface SignedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

export interface AccessTokenSigner {
  readonly sign: (user: AuthUser, now?: Date) => Promise<SignedAccessToken>;
  /** The JWKS document: the public key, named by its RFC 7638 thumbprint. */
  readonly jwks: { readonly keys: readonly JWK[] };
}

export async function createAccessTokenSigner(options: AccessTokenSignerOptions): Promise<AccessTokenSigner> {
  const publicJwk = await exportJWK(createPublicKey(options.privateKey));
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks = { keys: [{ ...publicJwk, kid, alg: accessTokenAlgorithm, use: 'sig' }] };
  return {
    jwks,
    sign: async (user, now = new Date()) => {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const token = await new SignJWT({ email: user.email, role: user.role })
        .setProtectedHeader({ alg: accessTokenAlgorithm, typ: accessTokenType, kid })
        .setSubject(user.id)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(issuedAt)
        .setNotBefore(issuedAt)
        .setExpirationTime(issuedAt + options.ttlSeconds)
        .setJti(randomUUID())
        .sign(options.privateKey);
      return { token, expiresIn: options.ttlSeconds };
    },
  };
}
