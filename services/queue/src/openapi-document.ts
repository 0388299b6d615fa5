import { randomBytes } from 'node:crypto';
import { createLogger, createRedis, loadConfig, quitRedis } from '@urr/common';
import { createApp } from './app.js';
import { configSchema } from './config.js';
import { Tier2Queue } from './db/tier2-queue-store.js';
import { AdmissionRateMeter } from './domain/admission-rate.js';

/**
 * queue-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without Redis or real secrets (the client never connects).
 */
export async function queueOpenApiDocument(): Promise<unknown> {
  const config = loadConfig(configSchema, {
    REDIS_URL: 'redis://127.0.0.1:1',
    KAFKA_BROKERS: '127.0.0.1:1',
    INTERNAL_API_TOKEN: randomBytes(32).toString('hex'),
    ENTRY_TOKEN_SECRET: randomBytes(32).toString('hex'),
    VWR_TOKEN_SECRET: randomBytes(32).toString('hex'),
  });
  const logger = createLogger({ service: 'queue-service', level: 'silent' });
  const redis = createRedis({ url: config.REDIS_URL, name: 'queue-openapi' });
  redis.disconnect();
  try {
    const queue = new Tier2Queue({
      redis,
      activeTtlMs: config.QUEUE_ACTIVE_TTL_SECONDS * 1000,
      defaults: { maxUsers: 0, threshold: 0, status: 'closed' },
    });
    const events = { exists: async () => false };
    const tier1 = { refusalFor: async () => undefined, isOpening: async () => false };
    const revocations = {
      revoke: async (userId: string, at: Date) => ({ userId, revokedBefore: at }),
    };
    const app = createApp({
      config,
      logger,
      redis,
      queue,
      events,
      tier1,
      revocations,
      meter: new AdmissionRateMeter(),
    });
    return (await app.request('/openapi.json')).json();
  } finally {
    await quitRedis(redis);
  }
}
