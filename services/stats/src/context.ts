import type { Database, Logger } from '@urr/common';
import type * as schema from './db/schema.js';

/** What stats' routes receive: they read the projection from the replica. main.ts builds it. */
export interface StatsContext {
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
}
