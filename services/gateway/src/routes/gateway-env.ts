import type { AuthUser, EntryTokenClaims, HttpProblem, ServiceEnv } from '@urr/common';

/**
 * The entry pass of a booking write as far as its signature tells (filter 4a), then whether its slot is
 * live (filter 4, in the rate limiter's Redis call): `undefined` while not known, e.g. Redis is down.
 */
export type EntryPass =
  | { readonly refusal: HttpProblem }
  | { readonly claims: EntryTokenClaims; slotLive?: boolean };

/** What the filters hand each other, in chain order. */
export interface GatewayVariables {
  /** The path in its `/api/v1/` form (aliases rewritten). */
  canonicalPath: string;
  clientIp: string;
  /** The headers the upstream will get: the client's minus anything it may not set, plus the filters' own. */
  upstreamHeaders: Headers;
  /** The headers the filters add to the client's answer, whoever answers (the proxy, or an error). */
  answerHeaders: Headers;
  accessToken: string | undefined;
  user: AuthUser | undefined;
  /** Set on booking writes only. */
  entryPass: EntryPass | undefined;
}

export type GatewayEnv = ServiceEnv<GatewayVariables>;
