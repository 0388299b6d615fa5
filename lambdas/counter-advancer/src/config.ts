import { loadConfig } from '@urr/common/config/load-config';
import { defaultCycleSeconds } from '@urr/common/vwr/counters-item';
import { dynamoEnv } from '@urr/vwr-shared/config';
import { z } from 'zod';

export const counterAdvancerEnvSchema = z.object({
  ...dynamoEnv,
  LOG_LEVEL: z.string().default('info'),
  /** Cycles per invocation and their spacing: six of ten seconds for a once-a-minute schedule. */
  ADVANCER_CYCLES: z.coerce.number().int().min(1).max(60).default(6),
  ADVANCER_CYCLE_SECONDS: z.coerce.number().int().min(1).max(60).default(defaultCycleSeconds),
});

export type CounterAdvancerConfig = z.output<typeof counterAdvancerEnvSchema>;

export const loadCounterAdvancerConfig = (env: Record<string, string | undefined> = process.env) =>
  loadConfig(counterAdvancerEnvSchema, env);
