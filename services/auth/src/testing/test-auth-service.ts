import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { createLogger, loadConfig, type RunningServer, startServer } from '@urr/common';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { createApp } from '../app.js';
import { createOidcClient } from '../clients/oidc-client.js';
import { accessTokenSignerOptionsOf, type Config, configSchema, oidcSettingsOf } from '../config.js';
import { authContext } from '../context.js';
import * as schema from '../db/schema.js';
import { type AccessTokenSigner, createAccessTokenSigner } from '../domain/access-token-signer.js';

export interface TestAuthService {
  readonly app: ReturnType<typeof createApp>;
  readonly config: Config;
  readonly db: TestDatabase<typeof schema>;
  readonly signer: AccessTokenSigner;
  /** The signing key pair, so tests can forge tokens with and without it. */
  readonly keys: { readonly privateKey: KeyObject; readonly publicKey: KeyObject };
  /** Listens on loopback (a random port unless given); `close()` stops it. */
  readonly listen: (port?: number) => Promise<RunningServer>;
  readonly close: () => Promise<void>;
}

/**
 * auth-service on the local stack's auth_db with freshly generated secrets and signing key, as `main.ts`
 * wires it. `env` overrides or adds configuration (OIDC settings, TTLs).
 */
export async function startTestAuthService(
  options: { env?: Record<string, string> } = {},
): Promise<TestAuthService> {
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const url = localStackEndpoints().postgresUrl('auth_db');
  const config = loadConfig(configSchema, {
    DATABASE_URL: url,
    INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
    REFRESH_TOKEN_PEPPER: randomBytes(32).toString('hex'),
    AUTH_JWT_PRIVATE_KEY: Buffer.from(pem).toString('base64'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const db = await prepareTestDatabase({
    url,
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
  });
  const signer = await createAccessTokenSigner(accessTokenSignerOptionsOf(config));
  const oidcSettings = oidcSettingsOf(config);
  const oidc = oidcSettings && createOidcClient(oidcSettings);
  const logger = createLogger({ service: 'auth-service', level: config.LOG_LEVEL });
  const app = createApp(authContext({ config, logger, db, signer, oidc }));
  const servers: RunningServer[] = [];
  return {
    app,
    config,
    db,
    signer,
    keys,
    listen: async (port = 0) => {
      const server = await startServer({ app, port, logger, handleSignals: false });
      servers.push(server);
      return server;
    },
    close: async () => {
      await Promise.all(servers.map((server) => server.shutdown()));
      await db.drop();
    },
  };
}
