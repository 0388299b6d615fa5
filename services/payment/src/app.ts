import {
  type AuthUser,
  createServiceApp,
  type Database,
  internalToken,
  type Logger,
  topics,
} from '@urr/common';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';
import { createRequestFingerprint } from './idempotency/fingerprint.js';
import { createIdempotencyStore } from './idempotency/idempotency-store.js';
import type { IdempotencyKeys } from './idempotency/idempotent-request.js';
import type { PaymentContext } from './payments/context.js';
import type { PaymentProvider } from './psp/payment-provider.js';
import { internalRoutes } from './routes/internal.js';
import { paymentRoutes } from './routes/payments.js';
import { webhookRoutes } from './routes/webhooks.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly provider: PaymentProvider;
  /** @default 'payment-events' */
  readonly paymentEventsTopic?: string;
}

/** The use-case context and the idempotency keys, built once from the deps (main.ts shares them with jobs). */
export function paymentRuntime(deps: AppDeps): { context: PaymentContext; idempotency: IdempotencyKeys } {
  return {
    context: {
      db: deps.db.primary,
      provider: deps.provider,
      logger: deps.logger,
      topic: deps.paymentEventsTopic ?? topics.payment,
      reconcileWindowMs: deps.config.RECONCILE_WINDOW_MS,
    },
    idempotency: {
      store: createIdempotencyStore({
        db: deps.db.primary,
        ttlMs: deps.config.IDEMPOTENCY_KEY_TTL_MS,
        abandonAfterMs: deps.config.PSP_TIMEOUT_MS + 60_000,
      }),
      fingerprint: createRequestFingerprint(deps.config.IDEMPOTENCY_FINGERPRINT_SECRET),
    },
  };
}

export function createApp(deps: AppDeps) {
  const { context, idempotency } = paymentRuntime(deps);
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'payment-service',
    logger: deps.logger,
    readiness: [{ name: 'postgres', check: deps.db.ping }],
    openapi: { title: 'URR payment-service', version: '1.0.0' },
  });
  app.use('/internal/*', internalToken({ token: deps.config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalRoutes(context, idempotency));
  app.route('/api/v1/payments', paymentRoutes(context, idempotency));
  app.route('/webhooks', webhookRoutes(context, { secret: deps.config.PSP_WEBHOOK_SECRET }));
  return app;
}
