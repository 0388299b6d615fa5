import {
  createServiceApp,
  type Database,
  internalToken,
  type Logger,
  registerSignedInSecurity,
} from '@urr/common';
import type { AccessTokenSigner } from './access-token-signer.js';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';
import { createLoginThrottle } from './login-throttle-store.js';
import type { OidcClient } from './oidc-client.js';
import { accountRoutes } from './routes/account.js';
import type { AuthRouteDeps } from './routes/deps.js';
import { internalUserRoutes } from './routes/internal-users.js';
import { jwksRoutes } from './routes/jwks.js';
import { oidcRoutes } from './routes/oidc.js';
import { sessionRoutes } from './routes/session.js';
import { createSessionStore } from './session-store.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly signer: AccessTokenSigner;
  /** Present when OIDC sign-in is configured. */
  readonly oidc?: OidcClient | undefined;
}

export function createApp(deps: AppDeps) {
  const { config } = deps;
  const app = createServiceApp({
    name: 'auth-service',
    logger: deps.logger,
    readiness: [{ name: 'postgres', check: deps.db.ping }],
    openapi: { title: 'URR auth-service', version: '1.0.0' },
  });
  registerSignedInSecurity(app);

  const routeDeps: AuthRouteDeps = {
    ...deps,
    oidc: deps.oidc,
    sessions: createSessionStore({
      db: deps.db.primary,
      pepper: config.REFRESH_TOKEN_PEPPER,
      refreshTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    }),
    throttle: createLoginThrottle(deps.db.primary),
    cookies: {
      secure: config.AUTH_COOKIE_SECURE,
      accessTtlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.AUTH_REFRESH_TOKEN_TTL_SECONDS,
    },
  };
  app.route('/api/v1/auth', accountRoutes(routeDeps));
  app.route('/api/v1/auth', sessionRoutes(routeDeps));
  app.route('/api/v1/auth', oidcRoutes(routeDeps));
  app.route('/api/v1/auth', jwksRoutes(routeDeps));
  app.use('/internal/*', internalToken({ token: config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalUserRoutes(routeDeps));
  return app;
}
