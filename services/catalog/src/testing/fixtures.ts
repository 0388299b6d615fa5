import { randomBytes, randomUUID } from 'node:crypto';
import {
  createEnvelope,
  createInternalClient,
  createServiceApp,
  type EventEnvelope,
  internalToken,
  type Logger,
  type RunningServer,
  startServer,
  withTransaction,
} from '@urr/common';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { createApp } from '../app.js';
import { createOrganiserDirectory } from '../clients/organiser-directory.js';
import { configSchema } from '../config.js';
import { applyCatalogEvent } from '../consumers/catalog-consumer.js';
import type { CatalogContext } from '../context.js';
import * as schema from '../db/schema.js';
import type { EventSnapshot } from '../domain/event-snapshot.js';

export type CatalogDatabase = TestDatabase<typeof schema>;

/** A migrated schema of its own: test events must never show up in the local stack's public catalogue. */
export function prepareCatalogDatabase(): Promise<CatalogDatabase> {
  return prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('catalog_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
    isolated: true,
  });
}

/** A published event as ticket-service would describe it; ids are fresh so tests never see each other's rows. */
export function snapshotOf(overrides: Partial<EventSnapshot> = {}): EventSnapshot {
  return {
    eventId: randomUUID(),
    title: 'Spring Concert',
    description: 'An evening of songs',
    artist: { id: randomUUID(), name: 'Some Artist' },
    venue: { id: randomUUID(), name: 'Olympic Hall', city: 'Seoul' },
    organiserId: randomUUID(),
    category: 'concert',
    kind: 'seated',
    status: 'on-sale',
    salesOpenAt: '2026-05-01T02:00:00.000Z',
    salesCloseAt: '2026-06-01T02:00:00.000Z',
    performances: [{ id: randomUUID(), startsAt: '2026-06-10T10:00:00.000Z' }],
    priceRange: { min: 88_000, max: 154_000, currency: 'KRW' },
    version: 1,
    ...overrides,
  };
}

export const upserted = (snapshot: EventSnapshot): EventEnvelope =>
  createEnvelope({ type: 'event.upserted', payload: snapshot });
export const deleted = (eventId: string, version: number): EventEnvelope =>
  createEnvelope({ type: 'event.deleted', payload: { eventId, version } });

/** Applies snapshots the way the consumer does, without Kafka in between. */
export async function applyAll(db: CatalogDatabase, logger: Logger, envelopes: EventEnvelope[]) {
  for (const envelope of envelopes)
    await withTransaction(db.primary, (tx) => applyCatalogEvent(tx, { envelope }, logger));
}

export const internalApiToken = () => randomBytes(32).toString('hex');

export interface AuthStandIn {
  readonly server: RunningServer;
  /** Organiser ids asked for, in order. */
  readonly calls: string[];
}

/** Stands in for auth-service's internal users API (another service, not the one under test). */
export async function startAuthStandIn(options: {
  token: string;
  users: Record<string, { email: string; displayName: string }>;
  logger: Logger;
}): Promise<AuthStandIn> {
  const calls: string[] = [];
  const app = createServiceApp({ name: 'auth-stand-in', logger: options.logger, defaultMetrics: false });
  app.use('/internal/*', internalToken({ token: options.token }));
  app.get('/internal/users/:id', (c) => {
    const id = c.req.param('id');
    calls.push(id);
    const user = options.users[id];
    if (!user)
      return c.json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404, {
        'content-type': 'application/problem+json',
      });
    return c.json({ id, role: 'user', ...user });
  });
  const server = await startServer({ app, port: 0, logger: options.logger, handleSignals: false });
  return { server, calls };
}

/** catalog-service on a real port, with its organiser directory pointed at `authUrl`. */
export async function startCatalog(options: {
  db: CatalogDatabase;
  logger: Logger;
  authUrl: string;
  token: string;
}): Promise<RunningServer> {
  const config = configSchema.parse({
    DATABASE_URL: localStackEndpoints().postgresUrl('catalog_db'),
    KAFKA_BROKERS: localStackEndpoints().kafkaBrokers,
    INTERNAL_API_TOKEN: options.token,
    AUTH_URL: options.authUrl,
  });
  const deps: CatalogContext = {
    config,
    logger: options.logger,
    db: options.db,
    organisers: createOrganiserDirectory({
      client: createInternalClient({ baseUrl: options.authUrl, token: options.token, timeoutMs: 1000 }),
      logger: options.logger,
      ttlMs: 60_000,
      failureBackoffMs: 60_000,
    }),
  };
  return startServer({ app: createApp(deps), port: 0, logger: options.logger, handleSignals: false });
}
