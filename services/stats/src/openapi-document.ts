import { createDatabase, createLogger } from '@urr/common';
import { createApp } from './app.js';
import * as schema from './db/schema.js';

/**
 * stats-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database (nothing connects: the pool is never used).
 */
export async function statsOpenApiDocument(): Promise<unknown> {
  const logger = createLogger({ service: 'stats-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: 'postgres://openapi@127.0.0.1:1/stats_db', schema });
  try {
    return (await createApp({ logger, db }).request('/openapi.json')).json();
  } finally {
    await db.close();
  }
}
