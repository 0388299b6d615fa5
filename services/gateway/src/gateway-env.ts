import type { AuthUser, ServiceEnv } from '@urr/common';

/** What the filters hand each other, in chain order. */
export interface GatewayVariables {
  /** The path in its `/api/v1/` form (aliases rewritten). */
  canonicalPath: string;
  clientIp: string;
  /** The headers the upstream will get: the client's minus anything it may not set, plus the filters' own. */
  upstreamHeaders: Headers;
  accessToken: string | undefined;
  user: AuthUser | undefined;
}

export type GatewayEnv = ServiceEnv<GatewayVariables>;
