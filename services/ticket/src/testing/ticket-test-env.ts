import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import {
  type AuthUser,
  createRedis,
  quitRedis,
  type Redis,
  type RunningServer,
  startServer,
  userHeadersOf,
} from '@urr/common';
import { listenForNotifications } from '@urr/common/db/pg-notifications';
import { entryEventIdHeader } from '@urr/common/queue/booking-writes';
import { captureLogs } from '@urr/common/testing/log-capture';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { createApp } from '../app.js';
import type { PaymentInternalClient } from '../clients/payment-client.js';
import type { AppConfig } from '../config.js';
import { type TicketContext, ticketContext } from '../context.js';
import { ticketMigrationsFolder } from '../db/migrations-folder.js';
import * as schema from '../db/schema.js';

/**
 * ticket-service in-process on a random port, over the real Postgres (its own migrated schema) and
 * Redis, with a clock the test moves. For the acceptance tests beside the routes.
 */
export interface TicketTestEnv {
  readonly url: string;
  readonly db: TestDatabase<typeof schema>;
  readonly redis: Redis;
  readonly ctx: TicketContext;
  readonly config: AppConfig;
  /** The service's log lines so far. */
  logs(): Record<string, unknown>[];
  /** Sets the service's clock; `undefined` goes back to the system clock. */
  setNow(now: Date | undefined): void;
  close(): Promise<void>;
}

export async function startTicketTestEnv(
  options: {
    seatLockTtlSeconds?: number;
    /** How old a served seat map may be. @default 0: every read sees the test's last write */
    seatMapMaxAgeMs?: number;
    /** payment-service, when the test runs one. */
    payments?: PaymentInternalClient;
    /** The token the services share (payment-service's harness makes one). @default a random one */
    internalToken?: string;
    /** Called after a commit that requested a refund (a refund job's `wake`). */
    onRefundRequested?: () => void;
  } = {},
): Promise<TicketTestEnv> {
  const db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder: ticketMigrationsFolder,
    schema,
    isolated: true,
  });
  const { logger, lines } = captureLogs('ticket-test');
  const redis = createRedis({
    url: process.env.REDIS_URL ?? localStackEndpoints().redisUrl,
    name: 'ticket-test',
  });
  const config: AppConfig = {
    INTERNAL_API_TOKEN: options.internalToken ?? randomBytes(32).toString('hex'),
    SEAT_LOCK_TTL_SECONDS: options.seatLockTtlSeconds ?? 420,
    SEAT_MAP_MAX_AGE_MS: options.seatMapMaxAgeMs ?? 0,
    TICKET_CODE_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey,
  };
  let fixedNow: Date | undefined;
  // As in main.ts; the tests' schemas share the database, so it hears every test's reservations.
  const settlements = listenForNotifications({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    channel: 'reservation_left_pending',
    logger,
  });
  const deps = {
    config,
    logger,
    db,
    redis,
    payments: options.payments,
    onRefundRequested: options.onRefundRequested,
    now: () => fixedNow ?? new Date(),
    settlements,
  };
  const ctx = ticketContext(deps);
  const server: RunningServer = await startServer({
    app: createApp(deps, ctx),
    port: 0,
    logger,
    handleSignals: false,
  });
  return {
    url: server.url,
    db,
    redis,
    ctx,
    config,
    logs: lines,
    setNow: (now) => {
      fixedNow = now;
    },
    close: async () => {
      await server.shutdown();
      await settlements.close();
      await quitRedis(redis);
      await db.drop();
    },
  };
}

export const newUser = (role: AuthUser['role'] = 'user'): AuthUser => {
  const id = randomUUID();
  return { id, email: `${role}-${id.slice(0, 8)}@example.test`, role };
};

// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they expect
export interface Answer<Body = any> {
  readonly status: number;
  readonly body: Body;
}

/** One HTTP call as the gateway would forward it: user headers, and the admitted event when given. */
// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they expect
export async function call<Body = any>(
  env: Pick<TicketTestEnv, 'url'>,
  method: string,
  path: string,
  options: { user?: AuthUser; entryEventId?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<Body>> {
  const response = await fetch(`${env.url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.user ? userHeadersOf(options.user) : {}),
      ...(options.entryEventId ? { [entryEventIdHeader]: options.entryEventId } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A fan admitted to the event's sale reserving seats, as the gateway forwards it. */
export const reserveSeatsAs = (
  env: Pick<TicketTestEnv, 'url'>,
  eventId: string,
  seatIds: readonly string[],
  user: AuthUser = newUser(),
) => call(env, 'POST', '/api/v1/seats/reserve', { user, entryEventId: eventId, body: { eventId, seatIds } });

/** Fails the test with the answer's problem detail unless the status is the expected one. */
export function expectStatus<Body>(answer: Answer<Body>, status: number): Body {
  if (answer.status !== status)
    throw new Error(`expected HTTP ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const hour = 3_600_000;

export interface EventSetup {
  readonly kind?: 'seated' | 'standing';
  readonly presaleOpensAt?: Date | null;
  readonly salesOpenAt?: Date;
  readonly salesCloseAt?: Date;
  readonly status?: string;
  readonly maxTicketsPerReservation?: number;
}

/** Through the admin API: an artist, a venue, and an on-sale event with one performance. */
export async function createSaleEvent(env: TicketTestEnv, admin: AuthUser, setup: EventSetup = {}) {
  const now = Date.now();
  const artist = expectStatus(
    await call(env, 'POST', '/api/v1/admin/artists', {
      user: admin,
      body: { name: `Artist ${randomUUID()}` },
    }),
    201,
  );
  const venue = expectStatus(
    await call(env, 'POST', '/api/v1/admin/venues', {
      user: admin,
      body: { name: `Hall ${randomUUID()}`, city: 'Seoul' },
    }),
    201,
  );
  const event = expectStatus(
    await call(env, 'POST', '/api/v1/admin/events', {
      user: admin,
      body: {
        title: 'Test sale',
        category: 'concert',
        kind: setup.kind ?? 'seated',
        status: setup.status ?? 'on-sale',
        artistId: artist.id,
        venueId: venue.id,
        presaleOpensAt: setup.presaleOpensAt?.toISOString() ?? null,
        salesOpenAt: (setup.salesOpenAt ?? new Date(now - hour)).toISOString(),
        salesCloseAt: (setup.salesCloseAt ?? new Date(now + 24 * hour)).toISOString(),
        maxTicketsPerReservation: setup.maxTicketsPerReservation ?? 4,
        performances: [{ startsAt: new Date(now + 48 * hour).toISOString() }],
      },
    }),
    201,
  );
  return { event, artist, venue };
}

/** A seated sale whose one performance has `rows` × `seatsPerRow` seats (grade R, ₩100,000). */
export async function createSeatedSale(
  env: TicketTestEnv,
  admin: AuthUser,
  layout: { rows: number; seatsPerRow: number },
  setup: EventSetup = {},
) {
  const sale = await createSaleEvent(env, admin, { ...setup, kind: 'seated' });
  expectStatus(
    await call(env, 'PUT', `/api/v1/admin/events/${sale.event.id}/seat-map`, {
      user: admin,
      body: {
        grades: [{ name: 'R', price: 100_000 }],
        sections: [
          {
            name: 'A',
            rows: Array.from({ length: layout.rows }, (_, index) => ({
              label: String(index + 1),
              seats: layout.seatsPerRow,
              grade: 'R',
            })),
          },
        ],
      },
    }),
    200,
  );
  const seats = expectStatus(await call(env, 'GET', `/api/v1/events/${sale.event.id}/seats`), 200);
  return { ...sale, seatIds: seats.seats.map((seat: { id: string }) => seat.id) as string[] };
}
