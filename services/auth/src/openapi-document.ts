import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createDatabase, createLogger, loadConfig } from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { authContext } from './context.js';
import * as schema from './db/schema.js';
import { createAccessTokenSigner } from './domain/access-token-signer.js';

/**
 * auth-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database or real secrets (nothing connects: the pool is never used).
 */
export async function authOpenApiDocument(): Promise<unknown> {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  });
  const config = loadConfig(configSchema, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/auth_db',
    INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
    REFRESH_TOKEN_PEPPER: randomBytes(32).toString('hex'),
    AUTH_JWT_PRIVATE_KEY: pem.toString(),
  });
  const logger = createLogger({ service: 'auth-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
  try {
    const signer = await createAccessTokenSigner({
      privateKey: config.AUTH_JWT_PRIVATE_KEY,
      issuer: config.AUTH_JWT_ISSUER,
      audience: config.AUTH_JWT_AUDIENCE,
      ttlSeconds: config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    });
    const app = createApp(authContext({ config, logger, db, signer }));
    return (await app.request('/openapi.json')).json();
  } finally {
    await db.close();
  }
}
