import { bootService, openServiceDatabase } from '@urr/common';
import { createApp } from './app.js';
import { createOidcClient } from './clients/oidc-client.js';
import { accessTokenSignerOptionsOf, configSchema, oidcSettingsOf } from './config.js';
import { authContext } from './context.js';
import * as schema from './db/schema.js';
import { createAccessTokenSigner } from './domain/access-token-signer.js';
import { pruneExpired } from './jobs/prune-expired.js';

const pruneIntervalMs = 60 * 60 * 1000;

const service = bootService({ name: 'auth-service', configSchema });
const { config, logger } = service;
const db = await openServiceDatabase({
  config,
  schema,
  migrationsFolder: new URL('../db/migrations', import.meta.url),
  logger,
});
const signer = await createAccessTokenSigner(accessTokenSignerOptionsOf(config));
const oidcSettings = oidcSettingsOf(config);
const oidc = oidcSettings && createOidcClient(oidcSettings);
const app = createApp(authContext({ config, logger, db, signer, oidc }));

const prune = setInterval(() => {
  pruneExpired(db.primary).then(
    (pruned) => logger.info(pruned, 'pruned expired sign-ins'),
    (error: unknown) => logger.warn({ err: error }, 'pruning expired sign-ins failed'),
  );
}, pruneIntervalMs);
prune.unref();

await service.serve({ app, close: [() => clearInterval(prune), db.close] });
