import type { Database, Logger } from '@urr/common';
import type { OrganiserDirectory } from './clients/organiser-directory.js';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';

/** What catalog's routes receive. main.ts builds it from the connections. */
export interface CatalogContext {
  readonly config: Config;
  readonly logger: Logger;
  /** Reads go to `db.replica` (the primary when no replica is configured). */
  readonly db: Database<typeof schema>;
  readonly organisers: OrganiserDirectory;
}
