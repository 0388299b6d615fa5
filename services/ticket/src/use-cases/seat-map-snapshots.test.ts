import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createSaleEvent,
  createSeatedSale,
  expectStatus,
  newUser,
  reserveSeatsAs,
  startTicketTestEnv,
  type TicketTestEnv,
} from '../testing/ticket-test-env.js';
import { createSeatMapSnapshots } from './seat-map-snapshots.js';

let env: TicketTestEnv;
const admin = newUser('admin');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const reserve = (eventId: string, seatIds: string[]) => reserveSeatsAs(env, eventId, seatIds);

/** A seated sale with its one performance's id. */
async function seatedSale(layout: { rows: number; seatsPerRow: number }) {
  const sale = await createSeatedSale(env, admin, layout);
  const map = expectStatus(await call(env, 'GET', `/api/v1/events/${sale.event.id}/seats`), 200);
  return { ...sale, ids: { eventId: sale.event.id, performanceId: map.performanceId as string } };
}

/** Snapshots over the test's database with a clock the test moves. */
function snapshotsWithClock(maxAgeMs: number) {
  let at = 0;
  const snapshots = createSeatMapSnapshots({
    db: env.db.primary,
    now: () => env.ctx.now(),
    maxAgeMs,
    clockMs: () => at,
  });
  return { snapshots, advance: (ms: number) => (at += ms) };
}

const parsed = (snapshot: { json: string }) =>
  JSON.parse(snapshot.json) as { seats: { id: string; state: string }[]; counts: Record<string, number> };

describe('seat map snapshots', () => {
  it('100 fans asking at once share one read, and a snapshot is served until it is maxAge old', async () => {
    const { event, ids, seatIds } = await seatedSale({ rows: 2, seatsPerRow: 10 });
    const { snapshots, advance } = snapshotsWithClock(250);

    const all = await Promise.all(Array.from({ length: 100 }, () => snapshots.get(ids)));
    expect(new Set(all).size).toBe(1);
    expect(all[0]!.counts).toEqual({ available: 20, held: 0, sold: 0 });

    expectStatus(await reserve(event.id, [seatIds[0]!]), 201);
    advance(249);
    // Within its age the snapshot still shows the seat free; the hold itself decides, so a fan who picks
    // it from this map gets a 409, never the seat.
    const stale = await snapshots.get(ids);
    expect(stale).toBe(all[0]);
    expect((await reserve(event.id, [seatIds[0]!])).status).toBe(409);

    advance(1);
    const next = await snapshots.get(ids);
    expect(next.counts).toEqual({ available: 19, held: 1, sold: 0 });
    expect(next.etag).not.toBe(stale.etag);
    expect(parsed(next).seats.find((seat) => seat.id === seatIds[0])?.state).toBe('held');
  });

  it('offers a snapshot without a read only while it is fresh, and only for the event it was built for', async () => {
    const { ids } = await seatedSale({ rows: 1, seatsPerRow: 4 });
    const { snapshots, advance } = snapshotsWithClock(250);
    expect(snapshots.fresh(ids)).toBeUndefined();
    const built = await snapshots.get(ids);
    expect(snapshots.fresh(ids)).toBe(built);
    expect(snapshots.fresh({ ...ids, eventId: randomUUID() })).toBeUndefined();
    advance(250);
    expect(snapshots.fresh(ids)).toBeUndefined();

    const uncached = snapshotsWithClock(0).snapshots;
    await uncached.get(ids);
    expect(uncached.fresh(ids)).toBeUndefined();
  });

  it('keeps the rendering and the ETag while nothing changed, and frees a hold when the sale clock passes it', async () => {
    const { event, ids, seatIds } = await seatedSale({ rows: 1, seatsPerRow: 5 });
    const { snapshots, advance } = snapshotsWithClock(100);
    expectStatus(await reserve(event.id, [seatIds[2]!]), 201);

    const first = await snapshots.get(ids);
    advance(500);
    const again = await snapshots.get(ids);
    expect(again).toBe(first);
    expect(again.counts.held).toBe(1);

    env.setNow(new Date(Date.now() + (env.config.SEAT_LOCK_TTL_SECONDS + 1) * 1000));
    try {
      const later = await snapshots.get(ids);
      expect(later.counts).toEqual({ available: 5, held: 0, sold: 0 });
    } finally {
      env.setNow(undefined);
    }
  });

  it('shows a new price at the next rebuild and re-reads the seats when the seat map was replaced', async () => {
    const { event, ids } = await seatedSale({ rows: 1, seatsPerRow: 4 });
    const { snapshots, advance } = snapshotsWithClock(100);
    expect((await snapshots.get(ids)).counts.available).toBe(4);

    expectStatus(
      await call(env, 'PUT', `/api/v1/admin/events/${event.id}/seat-map`, {
        user: admin,
        body: {
          grades: [{ name: 'S', price: 70_000 }],
          sections: [{ name: 'B', rows: [{ label: '1', seats: 6, grade: 'S' }] }],
        },
      }),
      200,
    );
    advance(100);
    const replaced = parsed(await snapshots.get(ids));
    expect(replaced.counts.available).toBe(6);
    expect(replaced.seats[0]).toMatchObject({ section: 'B', grade: 'S', price: 70_000 });
  });
});

describe('GET /api/v1/events/{id}/seats', () => {
  it('answers gzip to a client that accepts it and 304 to one that already has this version', async () => {
    const { event, seatIds } = await createSeatedSale(env, admin, { rows: 1, seatsPerRow: 3 });
    const url = `${env.url}/api/v1/events/${event.id}/seats`;
    const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag') ?? '';
    expect(((await first.json()) as { counts: unknown }).counts).toEqual({ available: 3, held: 0, sold: 0 });

    const unchanged = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    expectStatus(await reserve(event.id, [seatIds[1]!]), 201);
    const changed = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(((await changed.json()) as { counts: unknown }).counts).toEqual({
      available: 2,
      held: 1,
      sold: 0,
    });
  });
});

describe('the seat map route with snapshots kept', () => {
  let cached: TicketTestEnv;
  beforeAll(async () => {
    cached = await startTicketTestEnv({ seatMapMaxAgeMs: 60_000 });
  });
  afterAll(async () => {
    await cached?.close();
  });

  it("serves a fresh snapshot only under its own event's id, and still refuses a draft event", async () => {
    const sale = await createSeatedSale(cached, admin, { rows: 1, seatsPerRow: 3 });
    const other = await createSeatedSale(cached, admin, { rows: 1, seatsPerRow: 2 });
    const seats = (eventId: string, performanceId: string) =>
      call(cached, 'GET', `/api/v1/events/${eventId}/seats?performanceId=${performanceId}`);
    const first = expectStatus(await call(cached, 'GET', `/api/v1/events/${sale.event.id}/seats`), 200);
    const performanceId = first.performanceId as string;
    expect(expectStatus(await seats(sale.event.id, performanceId), 200)).toEqual(first);
    // The performance's snapshot is fresh, but asked for under another event it is that event's 404.
    expect((await seats(other.event.id, performanceId)).status).toBe(404);
    const draft = await createSaleEvent(cached, admin, { status: 'draft' });
    expect((await seats(draft.event.id, performanceId)).status).toBe(404);
  });
});
