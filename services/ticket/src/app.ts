import {
  type AuthUser,
  createServiceApp,
  type Database,
  internalToken,
  type Logger,
  pingRedis,
  type Redis,
} from '@urr/common';
import type { AppConfig } from './config.js';
import type * as schema from './db/schema.js';
import type { PaymentInternalClient } from './payment/payment-client.js';
import {
  adminEventRoutes,
  adminPerformanceRoutes,
  adminTicketTypeRoutes,
} from './routes/admin-event-routes.js';
import { adminArtistRoutes, adminVenueRoutes } from './routes/admin-lineup-routes.js';
import { adminMembershipRoutes } from './routes/admin-membership-routes.js';
import { reservationRoutes, seatRoutes } from './routes/booking-routes.js';
import { eventRoutes } from './routes/event-routes.js';
import { internalRoutes } from './routes/internal-routes.js';
import { membershipRoutes } from './routes/membership-routes.js';
import { transferRoutes } from './routes/transfer-routes.js';
import { createSeatLocks, type SeatLocks } from './seat-lock/seat-lock.js';
import type { TicketContext } from './service-context.js';

export interface AppDeps {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly db: Database<typeof schema>;
  readonly redis: Redis;
  /** @default Redis seat locks with `SEAT_LOCK_TTL_SECONDS` */
  readonly seatLocks?: SeatLocks;
  /** @default the system clock */
  readonly now?: () => Date;
  /**
   * payment-service: intents for new holds, cancelled with the holds. Without it holds get no intent id.
   * Refunds go through the refund job, not the app.
   */
  readonly payments?: PaymentInternalClient;
  /** Called after a commit that requested a refund (the refund job's `wake`). */
  readonly onRefundRequested?: () => void;
}

/** The context the routes share; `main.ts` builds the same one for the expiry job. */
export function ticketContext(deps: AppDeps): TicketContext {
  return {
    config: deps.config,
    logger: deps.logger,
    db: deps.db,
    seatLocks:
      deps.seatLocks ?? createSeatLocks({ redis: deps.redis, ttlSeconds: deps.config.SEAT_LOCK_TTL_SECONDS }),
    now: deps.now ?? (() => new Date()),
    holdSeconds: deps.config.SEAT_LOCK_TTL_SECONDS,
    payments: deps.payments,
    onRefundRequested: deps.onRefundRequested,
  };
}

export function createApp(deps: AppDeps, ctx: TicketContext = ticketContext(deps)) {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'ticket-service',
    logger: deps.logger,
    readiness: [
      { name: 'postgres', check: deps.db.ping },
      { name: 'redis', check: () => pingRedis(deps.redis) },
    ],
    openapi: { title: 'URR ticket-service', version: '1.0.0' },
  });
  app.route('/api/v1/events', eventRoutes(ctx));
  app.route('/api/v1/seats', seatRoutes(ctx));
  app.route('/api/v1/reservations', reservationRoutes(ctx));
  app.route('/api/v1/transfers', transferRoutes(ctx));
  app.route('/api/v1/memberships', membershipRoutes(ctx));
  app.route('/api/v1/admin/venues', adminVenueRoutes(ctx));
  app.route('/api/v1/admin/artists', adminArtistRoutes(ctx));
  app.route('/api/v1/admin/events', adminEventRoutes(ctx));
  app.route('/api/v1/admin/performances', adminPerformanceRoutes(ctx));
  app.route('/api/v1/admin/ticket-types', adminTicketTypeRoutes(ctx));
  app.route('/api/v1/admin/memberships', adminMembershipRoutes(ctx));
  app.use('/internal/*', internalToken({ token: deps.config.INTERNAL_API_TOKEN }));
  app.route('/internal', internalRoutes(ctx));
  return app;
}
