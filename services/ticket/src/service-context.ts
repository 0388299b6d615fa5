import type { Logger } from '@urr/common';
import type { CancelDeps } from './booking/cancel-reservation.js';
import type { AppConfig } from './config.js';

/** What the route modules work with, built once by `createApp`. */
export interface TicketContext extends CancelDeps {
  readonly config: AppConfig;
  readonly logger: Logger;
}
