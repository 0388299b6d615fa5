import { secret, serviceEnv, z } from '@urr/common';

const ms = (fallback: number) => z.coerce.number().int().min(0).max(600_000).default(fallback);

export const testPspConfigSchema = z
  .object({
    ...serviceEnv(3099),
    PSP_API_KEY: secret('PSP_API_KEY'),
    PSP_WEBHOOK_SECRET: secret('PSP_WEBHOOK_SECRET'),
    /** payment-service's webhook endpoint. */
    PSP_WEBHOOK_URL: z.url().default('http://127.0.0.1:3003/webhooks/psp'),
    PSP_LATENCY_MIN_MS: ms(50),
    PSP_LATENCY_MAX_MS: ms(250),
    /** Longer than payment-service's PSP_TIMEOUT_MS, so a timeout card really times out. */
    PSP_HANG_MS: ms(30_000),
    PSP_LATE_SUCCESS_DELAY_MS: ms(8000),
  })
  .refine((config) => config.PSP_LATENCY_MIN_MS <= config.PSP_LATENCY_MAX_MS, {
    path: ['PSP_LATENCY_MAX_MS'],
    error: 'must be at least PSP_LATENCY_MIN_MS',
  });
export type TestPspConfig = z.output<typeof testPspConfigSchema>;
