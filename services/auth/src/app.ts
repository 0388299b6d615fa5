import { createServiceApp, internalToken, registerSignedInSecurity } from '@urr/common';
import type { AuthContext } from './context.js';
import { accountRoutes } from './routes/account.js';
import { internalUserRoutes } from './routes/internal-users.js';
import { jwksRoutes } from './routes/jwks.js';
import { oidcRoutes } from './routes/oidc.js';
import { sessionRoutes } from './routes/session.js';

export function createApp(context: AuthContext) {
  const app = createServiceApp({
    name: 'auth-service',
    logger: context.logger,
    readiness: [{ name: 'postgres', check: context.db.ping }],
    openapi: { title: 'URR auth-service', version: '1.0.0' },
  });
  registerSignedInSecurity(app);
  app.route('/api/v1/auth', accountRoutes(context));
  app.route('/api/v1/auth', sessionRoutes(context));
  app.route('/api/v1/auth', oidcRoutes(context));
  app.route('/api/v1/auth', jwksRoutes(context));
  app.use('/internal/*', internalToken({ token: context.config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalUserRoutes(context));
  return app;
}
