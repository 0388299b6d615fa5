import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { accessTokenAlgorithm, accessTokenClaimsSchema, accessTokenType } from './access-token.js';
import type { AuthUser } from './auth-user.js';

/** `invalid` covers every forgery (signature, algorithm, claims, audience); `expired` lets clients refresh. */
export type AccessTokenFailure = 'invalid' | 'expired' | 'keys-unavailable';

export class AccessTokenError extends Error {
  constructor(
    readonly reason: AccessTokenFailure,
    options?: { cause?: unknown },
  ) {
    super(`access token ${reason}`, options);
    this.name = 'AccessTokenError';
  }
}

export interface AccessTokenVerifierOptions {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** @default 3000 */
  readonly fetchTimeoutMs?: number;
  /** Keys are fetched again after this. @default 600000 */
  readonly maxAgeMs?: number;
  /** A token naming an unknown key refetches at most this often (a flood of random `kid`s stays cheap). @default 30000 */
  readonly cooldownMs?: number;
}

export interface AccessTokenVerifier {
  readonly verify: (token: string) => Promise<AuthUser>;
  /** Fetches the keys now (at start), so the first requests need not wait. */
  readonly warm: () => Promise<void>;
}

interface KeyCache {
  readonly keySet: ReturnType<typeof createLocalJWKSet>;
  readonly kids: ReadonlySet<string | undefined>;
  readonly fetchedAt: number;
}

/**
 * Verifies access tokens against auth-service's public keys (JWKS), fetched on first use and cached; a
 * failed refetch keeps serving the keys it has. Only ES256 `at+jwt` tokens of our issuer and audience pass.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  let cache: KeyCache | undefined;
  let loading: Promise<KeyCache> | undefined;

  async function fetchKeys(): Promise<KeyCache> {
    const response = await fetch(options.jwksUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.fetchTimeoutMs ?? 3000),
    });
    if (!response.ok) throw new Error(`the JWKS endpoint answered ${response.status}`);
    const jwks = (await response.json()) as JSONWebKeySet;
    if (!Array.isArray(jwks?.keys))
      throw new Error('the JWKS endpoint answered something that is not a key set');
    return {
      keySet: createLocalJWKSet(jwks),
      kids: new Set(jwks.keys.map((key) => key.kid)),
      fetchedAt: Date.now(),
    };
  }

  function reload(): Promise<KeyCache> {
    loading ??= fetchKeys()
      .then((fresh) => {
        cache = fresh;
        return fresh;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  }

  async function keysFor(kid: string | undefined): Promise<KeyCache> {
    const age = cache ? Date.now() - cache.fetchedAt : Number.POSITIVE_INFINITY;
    const unknownKid = cache !== undefined && !cache.kids.has(kid);
    if (cache && age < maxAgeMs && !(unknownKid && age >= cooldownMs)) return cache;
    try {
      return await reload();
    } catch (error) {
      if (cache) return cache;
      throw new AccessTokenError('keys-unavailable', { cause: error });
    }
  }

  return {
    warm: async () => {
      await reload();
    },
    verify: async (token) => {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(
          token,
          async (header, jws) => (await keysFor(header.kid)).keySet(header, jws),
          {
            algorithms: [accessTokenAlgorithm],
            typ: accessTokenType,
            issuer: options.issuer,
            audience: options.audience,
            requiredClaims: ['exp', 'iat', 'sub'],
            clockTolerance: 5,
          },
        ));
      } catch (error) {
        if (error instanceof AccessTokenError) throw error;
        const code = (error as { code?: string }).code;
        throw new AccessTokenError(code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid', { cause: error });
      }
      const claims = accessTokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw new AccessTokenError('invalid');
      return { id: claims.data.sub, email: claims.data.email, role: claims.data.role };
    },
  };
}
