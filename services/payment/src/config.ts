import { databaseEnv, internalApiEnv, kafkaEnv, secret, serviceEnv, z } from '@urr/common';

const ms = (fallback: number, max = 86_400_000) => z.coerce.number().int().min(1).max(max).default(fallback);

export const configSchema = z.object({
  ...serviceEnv(3003),
  ...databaseEnv,
  ...kafkaEnv,
  ...internalApiEnv,
  /** The PSP's API (the project's test PSP locally). */
  PSP_URL: z
    .url({ error: 'set it to the PSP base URL, e.g. http://127.0.0.1:3099' })
    .default('http://127.0.0.1:3099'),
  PSP_API_KEY: secret('PSP_API_KEY'),
  /** Verifies the signatures of the PSP's webhooks. */
  PSP_WEBHOOK_SECRET: secret('PSP_WEBHOOK_SECRET'),
  /** A charge without an answer within this fails with reason `timeout` (and is reconciled). */
  PSP_TIMEOUT_MS: ms(5000, 120_000),
  /**
   * Charges one payment may have while its hold lasts: a declined card may be followed by another until
   * this many were tried; the last decline fails the payment (a bound on card testing, docs/adr/0045).
   */
  MAX_CHARGE_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** How often the reconciler asks the PSP about unknown outcomes and retries pending refunds. */
  RECONCILE_INTERVAL_MS: ms(5000),
  /** How long after a timeout the PSP is still asked whether the charge went through. */
  RECONCILE_WINDOW_MS: ms(30 * 60_000),
  /** Idempotency keys are kept this long (Stripe: 24 h). */
  IDEMPOTENCY_KEY_TTL_MS: ms(24 * 3_600_000, 7 * 86_400_000),
  /** Keys the fingerprints stored with idempotency keys (HMAC-SHA256), so they reveal nothing. */
  IDEMPOTENCY_FINGERPRINT_SECRET: secret('IDEMPOTENCY_FINGERPRINT_SECRET'),
  /** How often expired idempotency keys are deleted. */
  IDEMPOTENCY_SWEEP_INTERVAL_MS: ms(10 * 60_000),
});
export type Config = z.output<typeof configSchema>;
