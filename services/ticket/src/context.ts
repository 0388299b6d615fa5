import type { Database, Logger, Redis } from '@urr/common';
import type { PgNotifications } from '@urr/common/db/pg-notifications';
import type { PaymentInternalClient } from './clients/payment-client.js';
import type { AppConfig } from './config.js';
import type * as schema from './db/schema.js';
import { createSeatLocks, type SeatLocks } from './db/seat-lock-store.js';
import { createTicketCodeSigner, type TicketCodeSigner } from './domain/ticket-code.js';
import { createSeatMapSnapshots, type SeatMapSnapshots } from './use-cases/seat-map-snapshots.js';

/**
 * The one bag of dependencies ticket-service's routes, use cases, jobs and consumers work with, built
 * once by `ticketContext`. A use case names the part it needs (`Pick<TicketContext, 'db' | 'now'>`).
 */
export interface TicketContext {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly seatLocks: SeatLocks;
  /** The clock every sale decision reads (tests move it). */
  readonly now: () => Date;
  /** How long an unpaid hold lasts: the seat-lock TTL. */
  readonly holdSeconds: number;
  /** The seat maps fans download, cached for `SEAT_MAP_MAX_AGE_MS` (docs/adr/0055). */
  readonly seatMaps: SeatMapSnapshots;
  /**
   * payment-service: intents for new holds, cancelled with the holds. Without it holds get no intent id
   * and no hold has a payment to stop. Refunds go through the refund job, not the routes.
   */
  readonly payments?: PaymentInternalClient | undefined;
  /** Called after a commit that requested a refund (the refund job's `wake`). */
  readonly onRefundRequested?: (() => void) | undefined;
  /** Signs the tickets' door codes and publishes their verifying key. */
  readonly ticketCodes: TicketCodeSigner;
  /**
   * Wakes a request waiting on a reservation when it leaves PENDING_PAYMENT on any replica (the
   * `reservation_left_pending` notification). Without it such a request re-reads once a second.
   */
  readonly settlements?: PgNotifications | undefined;
}

/** What `ticketContext` builds the context from. */
export interface TicketContextOptions {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly redis: Redis;
  /** @default Redis seat locks with `SEAT_LOCK_TTL_SECONDS` */
  readonly seatLocks?: SeatLocks;
  /** @default the system clock */
  readonly now?: () => Date;
  readonly payments?: PaymentInternalClient | undefined;
  readonly onRefundRequested?: (() => void) | undefined;
  readonly settlements?: PgNotifications | undefined;
}

/** The context the routes share; `main.ts` builds the same one for the jobs and the consumer. */
export function ticketContext(options: TicketContextOptions): TicketContext {
  const now = options.now ?? (() => new Date());
  return {
    config: options.config,
    logger: options.logger,
    db: options.db,
    seatLocks:
      options.seatLocks ??
      createSeatLocks({ redis: options.redis, ttlSeconds: options.config.SEAT_LOCK_TTL_SECONDS }),
    now,
    holdSeconds: options.config.SEAT_LOCK_TTL_SECONDS,
    seatMaps: createSeatMapSnapshots({
      db: options.db.primary,
      now,
      maxAgeMs: options.config.SEAT_MAP_MAX_AGE_MS,
    }),
    payments: options.payments,
    onRefundRequested: options.onRefundRequested,
    ticketCodes: createTicketCodeSigner(options.config.TICKET_CODE_PRIVATE_KEY),
    settlements: options.settlements,
  };
}
