import { redisEnv, secret, serviceEnv, z } from '@urr/common';
import { defaultAccessTokenAudience, defaultAccessTokenIssuer } from '@urr/common/auth/access-token';

const serviceUrl = (port: number) =>
  z
    .url({ error: `set it to the service's base URL, e.g. http://127.0.0.1:${port}` })
    .default(`http://127.0.0.1:${port}`);

export const configSchema = z.object({
  ...serviceEnv(3001),
  ...redisEnv,
  /** Verifies `urr-entry-token` on seat, reservation and payment writes (the secret queue-service signs with). */
  ENTRY_TOKEN_SECRET: secret('ENTRY_TOKEN_SECRET'),
  AUTH_URL: serviceUrl(3005),
  TICKET_URL: serviceUrl(3002),
  PAYMENT_URL: serviceUrl(3003),
  STATS_URL: serviceUrl(3004),
  QUEUE_URL: serviceUrl(3007),
  COMMUNITY_URL: serviceUrl(3008),
  CATALOG_URL: serviceUrl(3009),
  /** Where the access-token public keys are; default: auth-service's JWKS under AUTH_URL. */
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWT_ISSUER: z.string().min(1).default(defaultAccessTokenIssuer),
  AUTH_JWT_AUDIENCE: z.string().min(1).default(defaultAccessTokenAudience),
  /** Time an upstream has to start answering (its body may stream for longer). */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Proxies of our own in front of the gateway (the edge, a load balancer) whose X-Forwarded-For entries are
   * trusted for the client address; 0 uses the socket peer.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
});
export type Config = z.output<typeof configSchema>;
