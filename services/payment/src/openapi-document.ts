import { randomBytes } from 'node:crypto';
import { createDatabase, createLogger, loadConfig } from '@urr/common';
import { createApp } from './app.js';
import { createHttpPaymentProvider } from './clients/http-payment-provider.js';
import { configSchema } from './config.js';
import { paymentContext } from './context.js';
import * as schema from './db/schema.js';

/**
 * payment-service's OpenAPI 3.1 document, exactly as `GET /openapi.json` serves it, built from the route
 * schemas without a database, a PSP or real secrets (nothing connects: the pool and the PSP are never used).
 */
export async function paymentOpenApiDocument(): Promise<unknown> {
  const secret = () => randomBytes(32).toString('hex');
  const config = loadConfig(configSchema, {
    DATABASE_URL: 'postgres://openapi@127.0.0.1:1/payment_db',
    KAFKA_BROKERS: '127.0.0.1:1',
    INTERNAL_API_TOKEN: secret(),
    PSP_URL: 'http://127.0.0.1:1',
    PSP_API_KEY: secret(),
    PSP_WEBHOOK_SECRET: secret(),
    IDEMPOTENCY_FINGERPRINT_SECRET: secret(),
  });
  const logger = createLogger({ service: 'payment-service', level: 'silent' });
  const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
  try {
    const provider = createHttpPaymentProvider({
      baseUrl: config.PSP_URL,
      apiKey: config.PSP_API_KEY,
      timeoutMs: config.PSP_TIMEOUT_MS,
    });
    const app = createApp(paymentContext({ config, logger, db, provider }));
    return (await app.request('/openapi.json')).json();
  } finally {
    await db.close();
  }
}
