import { randomBytes } from 'node:crypto';
import { createDatabase, createLogger, loadConfig } from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import * as schema from './db/schema.js';

/**
 * community-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database or real secrets (nothing connects: the pool, ticket-service and catalog-service are never used).
 */
export async function communityOpenApiDocument(): Promise<unknown> {
  const config = loadConfig(configSchema, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/community_db',
    INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
  });
  const logger = createLogger({ service: 'community-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
  try {
    const reservations = { hasConfirmedReservation: async () => false };
    const events = { exists: async () => false };
    const app = createApp({ config, logger, db, reservations, events });
    return (await app.request('/openapi.json')).json();
  } finally {
    await db.close();
  }
}
