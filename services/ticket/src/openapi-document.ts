import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createDatabase, createLogger, createRedis, quitRedis } from '@urr/common';
import { createApp } from './app.js';
import * as schema from './db/schema.js';

/**
 * ticket-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database, Redis or real secrets (nothing connects: the pool and the client are never used).
 */
export async function ticketOpenApiDocument(): Promise<unknown> {
  const logger = createLogger({ service: 'ticket-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: 'postgres://openapi@127.0.0.1:1/ticket_db', schema });
  const redis = createRedis({ url: 'redis://127.0.0.1:1', name: 'ticket-openapi' });
  redis.disconnect();
  try {
    const config = {
      INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
      SEAT_LOCK_TTL_SECONDS: 420,
      SEAT_MAP_MAX_AGE_MS: 250,
      TICKET_CODE_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey,
    };
    return (await createApp({ config, logger, db, redis }).request('/openapi.json')).json();
  } finally {
    await quitRedis(redis);
    await db.close();
  }
}
