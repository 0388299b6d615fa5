import type { Database, Logger } from '@urr/common';
import type { Config } from '../config.js';
import type * as schema from '../db/schema.js';
import type { LoginThrottle } from '../login-throttle-store.js';
import type { OidcClient } from '../oidc-client.js';
import type { SignInDeps } from '../sign-in.js';

/** What auth's route modules share, built once by `createApp`. */
export interface AuthRouteDeps extends SignInDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly throttle: LoginThrottle;
  readonly oidc: OidcClient | undefined;
}
