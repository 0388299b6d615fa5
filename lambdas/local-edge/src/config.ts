import { loadConfig } from '@urr/common/config/load-config';
import { vwrApiEnvSchema } from '@urr/vwr-api/config';
import { booleanEnv } from '@urr/vwr-shared/config';
import { z } from 'zod';

export const localEdgeEnvSchema = vwrApiEnvSchema.extend({
  EDGE_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_URL: z
    .url({ error: 'set it to the gateway URL, e.g. http://127.0.0.1:3001' })
    .default('http://127.0.0.1:3001'),
  FRONTEND_URL: z
    .url({ error: 'set it to the frontend URL, e.g. http://127.0.0.1:3000' })
    .default('http://127.0.0.1:3000'),
  /** auth-service's JWKS, straight from auth-service on this machine. */
  AUTH_JWKS_URL: z
    .url({ error: "set it to auth-service's JWKS URL" })
    .default('http://127.0.0.1:3005/api/v1/auth/.well-known/jwks.json'),
  ENTRY_TOKEN_SECRET: z
    .string()
    .min(32, { error: 'set it to the queue service entry token secret (32+ characters)' }),
  /** Cookies go over plain http locally. */
  VWR_COOKIE_SECURE: booleanEnv(false),
  /** Waiting-room calls served at once; more are answered 503 with Retry-After (docs/adr/0028). */
  EDGE_VWR_API_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(128),
  /** Run the counter-advancer on its schedule (once a minute, six cycles of ten seconds). */
  EDGE_RUN_ADVANCER: booleanEnv(true),
  /** Where the edge writes edge-auth's key file, as the deploy step writes it into the Lambda@Edge bundle. */
  EDGE_STATE_DIR: z.string().min(1).default('/tmp/urr-stack/edge'),
  LOG_LEVEL: z.string().default('info'),
});

export type LocalEdgeConfig = z.output<typeof localEdgeEnvSchema>;

export const loadLocalEdgeConfig = (env: Record<string, string | undefined> = process.env): LocalEdgeConfig =>
  loadConfig(localEdgeEnvSchema, env);
