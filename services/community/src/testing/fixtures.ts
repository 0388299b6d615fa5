import { randomBytes, randomUUID } from 'node:crypto';
import {
  type AuthUser,
  catalogEventDirectory,
  createInternalClient,
  createServiceApp,
  internalToken,
  type Logger,
  type RunningServer,
  startServer,
  userHeadersOf,
} from '@urr/common';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { createApp } from '../app.js';
import { createTicketReservations } from '../clients/ticket-reservations.js';
import { configSchema } from '../config.js';
import * as schema from '../db/schema.js';

export type CommunityDatabase = TestDatabase<typeof schema>;

/** A migrated schema of its own, so the moderation log a test reads holds only its own decisions. */
export function prepareCommunityDatabase(): Promise<CommunityDatabase> {
  return prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('community_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
    isolated: true,
  });
}

export const internalApiToken = () => randomBytes(32).toString('hex');

export function userOf(role: AuthUser['role'] = 'user'): AuthUser {
  const id = randomUUID();
  return { id, email: `${id.slice(0, 8)}@example.com`, role };
}

/** The X-User-* headers the gateway sets for `user`, plus a JSON content type. */
export const as = (user: AuthUser): Record<string, string> => ({
  ...userHeadersOf(user),
  'content-type': 'application/json',
});

export interface TicketStandIn {
  readonly server: RunningServer;
  /** `userId/eventId` pairs holding a confirmed reservation. */
  readonly confirmed: Set<string>;
  readonly calls: { userId: string | undefined; eventId: string | undefined }[];
  /** While true, every check answers 500 (ticket-service broken rather than down). */
  failing: boolean;
}

/** Stands in for ticket-service's internal reservations API (another service, not the one under test). */
export async function startTicketStandIn(options: { token: string; logger: Logger }): Promise<TicketStandIn> {
  const standIn = {
    confirmed: new Set<string>(),
    calls: [] as TicketStandIn['calls'],
    failing: false,
  };
  const app = createServiceApp({ name: 'ticket-stand-in', logger: options.logger, defaultMetrics: false });
  app.use('/internal/*', internalToken({ token: options.token }));
  app.get('/internal/reservations/confirmed', (c) => {
    const userId = c.req.query('userId');
    const eventId = c.req.query('eventId');
    standIn.calls.push({ userId, eventId });
    if (standIn.failing)
      return c.body(JSON.stringify({ title: 'Internal Server Error', status: 500 }), 500, {
        'content-type': 'application/problem+json',
      });
    return c.json({ confirmed: standIn.confirmed.has(`${userId}/${eventId}`) });
  });
  const server = await startServer({ app, port: 0, logger: options.logger, handleSignals: false });
  return Object.assign(standIn, { server });
}

export interface CatalogStandIn {
  readonly server: RunningServer;
  /** Event ids it answers 404 for; it knows every other event. */
  readonly unknown: Set<string>;
}

/** Stands in for catalog-service's public event endpoint (another service, not the one under test). */
export async function startCatalogStandIn(options: { logger: Logger }): Promise<CatalogStandIn> {
  const unknown = new Set<string>();
  const app = createServiceApp({ name: 'catalog-stand-in', logger: options.logger, defaultMetrics: false });
  app.get('/api/v1/events/:id', (c) =>
    unknown.has(c.req.param('id'))
      ? c.body(JSON.stringify({ title: 'Not Found', status: 404 }), 404, {
          'content-type': 'application/problem+json',
        })
      : c.json({ id: c.req.param('id'), title: 'Concert' }),
  );
  const server = await startServer({ app, port: 0, logger: options.logger, handleSignals: false });
  return { server, unknown };
}

/** community-service on a real port, asking `ticketUrl` about reservations and `catalogUrl` about events. */
export function startCommunity(options: {
  db: CommunityDatabase;
  logger: Logger;
  ticketUrl: string;
  catalogUrl: string;
  token: string;
}): Promise<RunningServer> {
  const config = configSchema.parse({
    DATABASE_URL: localStackEndpoints().postgresUrl('community_db'),
    INTERNAL_API_TOKEN: options.token,
    TICKET_URL: options.ticketUrl,
    CATALOG_URL: options.catalogUrl,
  });
  const reservations = createTicketReservations({
    client: createInternalClient({ baseUrl: options.ticketUrl, token: options.token, timeoutMs: 1000 }),
    logger: options.logger,
  });
  const events = catalogEventDirectory({
    baseUrl: options.catalogUrl,
    internalToken: options.token,
    timeoutMs: 1000,
  });
  const app = createApp({ config, logger: options.logger, db: options.db, reservations, events });
  return startServer({ app, port: 0, logger: options.logger, handleSignals: false });
}
