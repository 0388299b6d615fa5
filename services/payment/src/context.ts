import { type Database, type Logger, topics } from '@urr/common';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PaymentProvider } from './clients/payment-provider.js';
import type { Config } from './config.js';
import { createIdempotencyStore } from './db/idempotency-store.js';
import type * as schema from './db/schema.js';
import type { SettlementRules } from './domain/payment-state.js';
import { createRequestFingerprint } from './domain/request-fingerprint.js';
import type { IdempotencyKeys } from './use-cases/idempotent-request.js';

/**
 * What payment's routes, use cases and jobs receive, built once by `paymentContext`: the primary
 * database, the PSP, where events go, and the Idempotency-Key store.
 */
export interface PaymentContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: NodePgDatabase<typeof schema>;
  /** Readiness: whether the database answers. */
  readonly ping: () => Promise<void>;
  readonly provider: PaymentProvider;
  /** `payment-events`; tests pass a topic of their own. */
  readonly topic: string;
  readonly settlementRules: SettlementRules;
  readonly idempotency: IdempotencyKeys;
}

export interface PaymentContextOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly provider: PaymentProvider;
  /** @default 'payment-events' */
  readonly paymentEventsTopic?: string;
}

export function paymentContext(options: PaymentContextOptions): PaymentContext {
  const { config, db } = options;
  return {
    config,
    logger: options.logger,
    db: db.primary,
    ping: db.ping,
    provider: options.provider,
    topic: options.paymentEventsTopic ?? topics.payment,
    settlementRules: {
      reconcileWindowMs: config.RECONCILE_WINDOW_MS,
      maxChargeAttempts: config.MAX_CHARGE_ATTEMPTS,
    },
    idempotency: {
      store: createIdempotencyStore({
        db: db.primary,
        ttlMs: config.IDEMPOTENCY_KEY_TTL_MS,
        abandonAfterMs: config.PSP_TIMEOUT_MS + 60_000,
      }),
      fingerprint: createRequestFingerprint(config.IDEMPOTENCY_FINGERPRINT_SECRET),
    },
  };
}
