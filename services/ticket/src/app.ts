import { type AuthUser, createServiceApp, internalToken, pingRedis } from '@urr/common';
import { type TicketContext, type TicketContextOptions, ticketContext } from './context.js';
import { waitingListStatesIn } from './db/waiting-list-state-store.js';
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
import { ticketRoutes } from './routes/ticket-routes.js';
import { transferRoutes } from './routes/transfer-routes.js';
import { eventWaitingListRoutes, myWaitingListRoutes } from './routes/waiting-list-routes.js';

/** What the app is built from: the context's options (its readiness checks ping the same clients). */
export type AppDeps = TicketContextOptions;

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
  const waitingList = { db: ctx.db, now: ctx.now, listStates: waitingListStatesIn(deps.redis) };
  app.route('/api/v1/events', eventWaitingListRoutes(waitingList));
  app.route('/api/v1/waiting-list', myWaitingListRoutes(waitingList));
  app.route('/api/v1/seats', seatRoutes(ctx));
  app.route('/api/v1/reservations', reservationRoutes(ctx));
  app.route('/api/v1/transfers', transferRoutes(ctx));
  app.route('/api/v1/memberships', membershipRoutes(ctx));
  app.route('/api/v1/tickets', ticketRoutes(ctx));
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
