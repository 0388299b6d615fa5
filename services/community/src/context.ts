import type { Database, EventDirectory, Logger } from '@urr/common';
import type { TicketReservations } from './clients/ticket-reservations.js';
import type { Config } from './config.js';
import type * as schema from './db/schema.js';

/** What community's routes receive. main.ts builds it from the connections. */
export interface CommunityContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  /** Asks ticket-service who holds a confirmed reservation (reviews need one). */
  readonly reservations: TicketReservations;
  /** Asks catalog-service whether an event exists (posts are written only about real events). */
  readonly events: EventDirectory;
}
