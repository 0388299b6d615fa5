import type { Logger, Redis } from '@urr/common';
import { accessTokenJwksPath } from '@urr/common/auth/access-token';
import { type AccessTokenVerifier, createAccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import type { Config } from './config.js';
import type { ServiceName } from './domain/route-table.js';

/** What the gateway's filters and proxy receive, built once by `gatewayContext`. */
export interface GatewayContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly accessTokens: AccessTokenVerifier;
  /** Each service's base URL. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
}

export interface GatewayContextOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
}

export function gatewayContext(options: GatewayContextOptions): GatewayContext {
  const { config } = options;
  return {
    ...options,
    accessTokens: createAccessTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL ?? new URL(accessTokenJwksPath, config.AUTH_URL).href,
      issuer: config.AUTH_JWT_ISSUER,
      audience: config.AUTH_JWT_AUDIENCE,
    }),
    upstreams: {
      auth: config.AUTH_URL,
      ticket: config.TICKET_URL,
      payment: config.PAYMENT_URL,
      stats: config.STATS_URL,
      queue: config.QUEUE_URL,
      community: config.COMMUNITY_URL,
      catalog: config.CATALOG_URL,
    },
  };
}
