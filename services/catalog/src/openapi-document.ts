import { randomBytes } from 'node:crypto';
import { createDatabase, createLogger, loadConfig } from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';

/**
 * catalog-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database or real secrets (nothing connects: the pool and the directory are never used).
 */
export async function catalogOpenApiDocument(): Promise<unknown> {
  const config = loadConfig(configSchema, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/catalog_db',
    KAFKA_BROKERS: '127.0.0.1:1',
    INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
  });
  const logger = createLogger({ service: 'catalog-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
  try {
    const organisers = { lookup: async (id: string) => ({ id, displayName: null }) };
    const app = createApp({ config, logger, db, organisers });
    return (await app.request('/openapi.json')).json();
  } finally {
    await db.close();
  }
}
