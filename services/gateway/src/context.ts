import type { Logger, Redis } from '@urr/common';
import { accessTokenJwksPath } from '@urr/common/auth/access-token';
import { type AccessTokenVerifier, createAccessTokenVerifier } from '@urr/common/auth/access-token-verifier';
import { createUpstreamPool, type UpstreamPool } from '@urr/common/http/upstream-pool';
import type { Config } from './config.js';
import type { ServiceName } from './domain/route-table.js';
import { cachedTokenVerifier } from './domain/verified-token-cache.js';

/** What the gateway's filters and proxy receive, built once by `gatewayContext`. */
export interface GatewayContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
  readonly accessTokens: AccessTokenVerifier;
  /** Each service's base URL. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  /** Keep-alive connections to the services; closed at shutdown. */
  readonly upstreamPool: UpstreamPool;
}

export interface GatewayContextOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: Redis;
}

export function gatewayContext(options: GatewayContextOptions): GatewayContext {
  const { config } = options;
  const verifier = createAccessTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL ?? new URL(accessTokenJwksPath, config.AUTH_URL).href,
    issuer: config.AUTH_JWT_ISSUER,
    audience: config.AUTH_JWT_AUDIENCE,
  });
  return {
    ...options,
    accessTokens: {
      warm: verifier.warm,
      verify: cachedTokenVerifier({
        verify: verifier.verify,
        // About 1 KB a token: 10 MB at most, the signed-in fans of one pod in a busy minute.
        maxEntries: 10_000,
        maxAgeMs: 60_000,
        now: Date.now,
      }),
    },
    upstreamPool: createUpstreamPool({ maxSocketsPerUpstream: 512 }),
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
