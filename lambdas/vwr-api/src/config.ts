import { defaultAccessTokenAudience, defaultAccessTokenIssuer } from '@urr/common/auth/access-token';
import { loadConfig } from '@urr/common/config/load-config';
import { booleanEnv, dynamoEnv, vwrTokenEnv } from '@urr/vwr-shared/config';
import { defaultPowDifficulty, maxPowDifficulty } from '@urr/vwr-shared/proof-of-work';
import { defaultPositionShards } from '@urr/vwr-shared/room';
import { z } from 'zod';

export const vwrApiEnvSchema = z.object({
  ...dynamoEnv,
  ...vwrTokenEnv,
  VWR_COOKIE_SECURE: booleanEnv(true),
  /** Proof-of-work difficulty for sales whose counters item sets none (docs/adr/0008). */
  VWR_POW_DIFFICULTY: z.coerce.number().int().min(0).max(maxPowDifficulty).default(defaultPowDifficulty),
  /** Assigns one account may make a minute (docs/adr/0008); a fan needs one, a retry or two. */
  VWR_ASSIGN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Assigns a minute from one network (/24 IPv4, /64 IPv6): room for a venue's or campus's NAT. */
  VWR_ASSIGN_LIMIT_PER_NETWORK: z.coerce.number().int().min(1).default(600),
  /**
   * The value CloudFront sends in x-urr-origin-verify (ADR 0012); with it, assign limits count the viewer
   * address CloudFront forwards instead of CloudFront's own. Unset on the local edge, where the source IP is
   * the fan's.
   */
  VWR_ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  /** auth-service's public keys (JWKS): a fan joins the waiting room signed in (docs/adr/0007). */
  AUTH_JWKS_URL: z.url({ error: "set it to auth-service's JWKS URL (…/api/v1/auth/.well-known/jwks.json)" }),
  AUTH_JWT_ISSUER: z.string().min(1).default(defaultAccessTokenIssuer),
  AUTH_JWT_AUDIENCE: z.string().min(1).default(defaultAccessTokenAudience),
  /** How long each container trusts its copy of an event's counters item. */
  VWR_COUNTERS_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** How long each container trusts its copy of an account's pass revocation (docs/adr/0040). */
  VWR_REVOCATION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** Shard count given to events that have none fixed yet (docs/adr/0003). */
  VWR_POSITION_SHARDS: z.coerce.number().int().min(1).max(1_000).default(defaultPositionShards),
});

export type VwrApiConfig = z.output<typeof vwrApiEnvSchema>;

export const loadVwrApiConfig = (env: Record<string, string | undefined> = process.env): VwrApiConfig =>
  loadConfig(vwrApiEnvSchema, env);
