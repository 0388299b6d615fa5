import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createLogger,
  initTracing,
  loadConfig,
  runMigrations,
  startServer,
} from '@urr/common';
import { createAccessTokenSigner } from './access-token-signer.js';
import { createApp } from './app.js';
import { configSchema, oidcSettingsOf } from './config.js';
import * as schema from './db/schema.js';
import { createOidcClient } from './oidc-client.js';
import { pruneExpired } from './prune.js';

const name = 'auth-service';
const pruneIntervalMs = 60 * 60 * 1000;

const config = loadConfig(configSchema);
const tracing = initTracing({ serviceName: name, zipkinUrl: config.ZIPKIN_URL });
const logger = createLogger({ service: name, level: config.LOG_LEVEL });
await runMigrations({
  url: config.DATABASE_URL,
  migrationsFolder: fileURLToPath(new URL('../db/migrations', import.meta.url)),
});
const db = createDatabase({
  primaryUrl: config.DATABASE_URL,
  replicaUrl: config.DATABASE_REPLICA_URL,
  poolMax: config.DATABASE_POOL_MAX,
  schema,
  logger,
});
const signer = await createAccessTokenSigner({
  privateKey: config.AUTH_JWT_PRIVATE_KEY,
  issuer: config.AUTH_JWT_ISSUER,
  audience: config.AUTH_JWT_AUDIENCE,
  ttlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
});
const oidcSettings = oidcSettingsOf(config);
const oidc = oidcSettings && createOidcClient(oidcSettings);
const app = createApp({ config, logger, db, signer, oidc });

const prune = setInterval(() => {
  pruneExpired(db.primary).then(
    (pruned) => logger.info(pruned, 'pruned expired sign-ins'),
    (error: unknown) => logger.warn({ err: error }, 'pruning expired sign-ins failed'),
  );
}, pruneIntervalMs);
prune.unref();

await startServer({
  app,
  port: config.PORT,
  hostname: config.HOST,
  logger,
  onShutdown: async () => {
    clearInterval(prune);
    await db.close();
    await tracing.shutdown();
  },
});
