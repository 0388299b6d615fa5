import type { Database, Logger } from '@urr/common';
import type { OidcClient } from './clients/oidc-client.js';
import { createPassRevocationClient, type PassRevocationClient } from './clients/pass-revocation-client.js';
import type { Config } from './config.js';
import { createLoginThrottle, type LoginThrottle } from './db/login-throttle-store.js';
import type * as schema from './db/schema.js';
import { createSessionStore, type SessionStore } from './db/session-store.js';
import type { AccessTokenSigner } from './domain/access-token-signer.js';

/** Whether the session cookies are Secure, and how long each lives. */
export interface SessionCookieSettings {
  readonly secure: boolean;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

/** What auth's routes receive, built once by `authContext`. */
export interface AuthContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly signer: AccessTokenSigner;
  readonly sessions: SessionStore;
  readonly throttle: LoginThrottle;
  readonly cookies: SessionCookieSettings;
  /** queue-service's pass revocation, for sign-out everywhere. */
  readonly passes: PassRevocationClient;
  /** Present when OIDC sign-in is configured. */
  readonly oidc: OidcClient | undefined;
}

export interface AuthContextOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly signer: AccessTokenSigner;
  readonly oidc?: OidcClient | undefined;
}

export function authContext(options: AuthContextOptions): AuthContext {
  const { config, db } = options;
  return {
    ...options,
    oidc: options.oidc,
    sessions: createSessionStore({
      db: db.primary,
      pepper: config.REFRESH_TOKEN_PEPPER,
      refreshTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    }),
    throttle: createLoginThrottle(db.primary),
    passes: createPassRevocationClient({
      baseUrl: config.QUEUE_URL,
      internalToken: config.INTERNAL_API_TOKEN,
    }),
    cookies: {
      secure: config.AUTH_COOKIE_SECURE,
      accessTtlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    },
  };
}
