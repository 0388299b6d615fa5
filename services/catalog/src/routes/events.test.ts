import { randomUUID } from 'node:crypto';
import type { RunningServer } from '@urr/common';
import { freePort } from '@urr/common/testing/free-port';
import { captureLogs } from '@urr/common/testing/log-capture';
import { readJson } from '@urr/common/testing/read-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthStandIn,
  applyAll,
  type CatalogDatabase,
  internalApiToken,
  prepareCatalogDatabase,
  snapshotOf,
  startAuthStandIn,
  startCatalog,
  upserted,
} from '../testing/fixtures.js';

const { logger } = captureLogs('catalog-test');
const token = internalApiToken();
const organiserId = randomUUID();
const secondOrganiserId = randomUUID();
let db: CatalogDatabase;
let auth: AuthStandIn;
let catalog: RunningServer;
let catalogWithoutAuth: RunningServer;

/** Every event of this run shares a category no other test run uses, so lists hold only ours. */
const category = `concert-${randomUUID()}`;
const runTag = randomUUID().slice(0, 8);
const artist = { id: randomUUID(), name: `아이유 ${runTag}` };
const lonelyArtist = { id: randomUUID(), name: `Draft Only ${runTag}` };
const ids = {
  seoulSoon: randomUUID(),
  seoulLater: randomUUID(),
  busanStanding: randomUUID(),
  incheonSoldOut: randomUUID(),
  noPerformances: randomUUID(),
  draft: randomUUID(),
  draftOfLonelyArtist: randomUUID(),
};

const get = (path: string, server = catalog) => fetch(`${server.url}${path}`);
const listOf = async (query: string) => {
  const response = await get(`/api/v1/events?category=${category}&${query}`);
  expect(response.status).toBe(200);
  return readJson(response);
};
const idsOf = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

beforeAll(async () => {
  db = await prepareCatalogDatabase();
  auth = await startAuthStandIn({
    token,
    users: {
      [organiserId]: { email: 'promoter@example.com', displayName: 'Kakao Ent.' },
      [secondOrganiserId]: { email: 'label@example.com', displayName: 'Indie Label' },
    },
    logger,
  });
  catalog = await startCatalog({ db, logger, authUrl: auth.server.url, token });
  catalogWithoutAuth = await startCatalog({
    db,
    logger,
    authUrl: `http://127.0.0.1:${await freePort()}`,
    token,
  });
  await applyAll(db, logger, [
    upserted(
      snapshotOf({
        eventId: ids.seoulSoon,
        title: `아이유 콘서트 HEREH ${runTag}`,
        category,
        artist,
        organiserId,
        venue: { id: randomUUID(), name: 'KSPO Dome', city: 'Seoul' },
        performances: [
          { id: 'p-2', startsAt: '2026-07-02T10:00:00.000Z' },
          { id: 'p-1', startsAt: '2026-07-01T10:00:00.000Z' },
        ],
        priceRange: { min: 99_000, max: 165_000, currency: 'KRW' },
      }),
    ),
    upserted(
      snapshotOf({
        eventId: ids.seoulLater,
        title: `Winter Jazz ${runTag}`,
        category,
        organiserId: secondOrganiserId,
        venue: { id: randomUUID(), name: 'Blue Note Hall', city: 'seoul' },
        performances: [{ id: 'p-1', startsAt: '2026-12-20T10:00:00.000Z' }],
        salesOpenAt: '2026-10-01T02:00:00.000Z',
        priceRange: { min: 50_000, max: 70_000, currency: 'KRW' },
      }),
    ),
    upserted(
      snapshotOf({
        eventId: ids.busanStanding,
        title: `Beach Festival ${runTag}`,
        category,
        kind: 'standing',
        status: 'scheduled',
        venue: { id: randomUUID(), name: 'Haeundae Stage', city: 'Busan' },
        performances: [{ id: 'p-1', startsAt: '2026-08-15T09:00:00.000Z' }],
        priceRange: { min: 120_000, max: 120_000, currency: 'KRW' },
      }),
    ),
    upserted(
      snapshotOf({
        eventId: ids.incheonSoldOut,
        title: `아이유 팬미팅 ${runTag}`,
        category,
        artist,
        status: 'sold-out',
        venue: { id: randomUUID(), name: 'Inspire Arena', city: 'Incheon' },
        performances: [{ id: 'p-1', startsAt: '2026-09-05T09:00:00.000Z' }],
        priceRange: { min: 77_000, max: 132_000, currency: 'KRW' },
      }),
    ),
    upserted(
      snapshotOf({
        eventId: ids.noPerformances,
        title: `Dates To Be Announced ${runTag}`,
        category,
        performances: [],
        priceRange: { min: 10_000, max: 20_000, currency: 'KRW' },
      }),
    ),
    upserted(
      snapshotOf({ eventId: ids.draft, title: `Secret Show ${runTag}`, category, artist, status: 'draft' }),
    ),
    upserted(
      snapshotOf({ eventId: ids.draftOfLonelyArtist, category, artist: lonelyArtist, status: 'draft' }),
    ),
  ]);
});

afterAll(async () => {
  await catalog?.shutdown();
  await catalogWithoutAuth?.shutdown();
  await auth?.server.shutdown();
  await db?.drop();
});

describe('GET /api/v1/events', () => {
  it('lists the public events soonest first, events without dates last, and never a draft', async () => {
    const page = await listOf('size=50');
    expect(idsOf(page)).toEqual([
      ids.seoulSoon,
      ids.busanStanding,
      ids.incheonSoldOut,
      ids.seoulLater,
      ids.noPerformances,
    ]);
    expect(page).toMatchObject({ page: 1, size: 50, total: 5, totalPages: 1 });
    expect(page.items[0]).toEqual({
      id: ids.seoulSoon,
      title: `아이유 콘서트 HEREH ${runTag}`,
      artist,
      venue: { id: expect.any(String), name: 'KSPO Dome', city: 'Seoul' },
      organiserId,
      category,
      kind: 'seated',
      status: 'on-sale',
      salesOpenAt: '2026-05-01T02:00:00.000Z',
      salesCloseAt: '2026-06-01T02:00:00.000Z',
      firstPerformanceAt: '2026-07-01T10:00:00.000Z',
      lastPerformanceAt: '2026-07-02T10:00:00.000Z',
      priceRange: { min: 99_000, max: 165_000, currency: 'KRW' },
    });
  });

  it('pages through the results with a total, each event exactly once', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => listOf(`size=2&page=${page}`)));
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages.every((page) => page.total === 5 && page.totalPages === 3)).toBe(true);
    expect(new Set(pages.flatMap(idsOf)).size).toBe(5);
    const past = await listOf('size=2&page=4');
    expect(past).toMatchObject({ items: [], page: 4, total: 5 });
  });

  it('searches title, artist and venue by substring, every word having to match', async () => {
    expect(idsOf(await listOf(`q=${encodeURIComponent('아이유')}`))).toEqual([
      ids.seoulSoon,
      ids.incheonSoldOut,
    ]);
    expect(idsOf(await listOf(`q=${encodeURIComponent('아이유 팬미')}`))).toEqual([ids.incheonSoldOut]);
    expect(idsOf(await listOf('q=blue+note'))).toEqual([ids.seoulLater]);
    expect(idsOf(await listOf('q=HAEUNDAE'))).toEqual([ids.busanStanding]);
    expect(idsOf(await listOf('q=%25'))).toEqual([]);
  });

  it('filters by city (any case), status, kind and the dates of the performances', async () => {
    expect(idsOf(await listOf('city=SEOUL'))).toEqual([ids.seoulSoon, ids.seoulLater, ids.noPerformances]);
    expect(idsOf(await listOf('status=sold-out,scheduled'))).toEqual([ids.busanStanding, ids.incheonSoldOut]);
    expect(idsOf(await listOf('kind=standing'))).toEqual([ids.busanStanding]);
    // p-2 of the Seoul concert (2 July) is inside the range although its first performance is not.
    expect(idsOf(await listOf('from=2026-07-02T00:00:00Z&to=2026-08-31T00:00:00%2B09:00'))).toEqual([
      ids.seoulSoon,
      ids.busanStanding,
    ]);
    expect(idsOf(await listOf(`artistId=${artist.id}`))).toEqual([ids.seoulSoon, ids.incheonSoldOut]);
  });

  it('sorts by price, title or sales opening, either way', async () => {
    expect(idsOf(await listOf('sort=-priceMin'))).toEqual([
      ids.busanStanding,
      ids.seoulSoon,
      ids.incheonSoldOut,
      ids.seoulLater,
      ids.noPerformances,
    ]);
    expect(idsOf(await listOf('sort=title')).at(0)).toBe(ids.busanStanding);
    expect(idsOf(await listOf('sort=-salesOpenAt')).at(0)).toBe(ids.seoulLater);
  });

  it('documents the status list and search words it takes: all it refuses is outside the document', async () => {
    const document = await readJson(await get('/openapi.json'));
    const parameter = (name: string) =>
      document.paths['/api/v1/events'].get.parameters.find((p: { name: string }) => p.name === name).schema;
    const statusList = new RegExp(parameter('status').pattern);
    const words = new RegExp(parameter('q').pattern);
    for (const status of ['', ' ', 'draft', 'on-sale,', 'on-sale,,closed']) {
      expect(statusList.test(status), status).toBe(false);
      expect((await get(`/api/v1/events?status=${encodeURIComponent(status)}`)).status, status).toBe(400);
    }
    for (const status of ['on-sale', 'sold-out, scheduled']) {
      expect(statusList.test(status), status).toBe(true);
      expect((await get(`/api/v1/events?status=${encodeURIComponent(status)}`)).status, status).toBe(200);
    }
    expect([words.test('  '), words.test(' 아이유 ')]).toEqual([false, true]);
    expect((await get('/api/v1/events?q=%20%20')).status).toBe(400);
  });

  it('answers an empty or reversed time range with an empty page, not a refusal', async () => {
    for (const query of [
      'from=2026-07-01T00:00:00Z&to=2026-07-01T00:00:00Z',
      'from=2026-08-01T00:00:00Z&to=2026-07-01T00:00:00Z',
    ]) {
      const response = await get(`/api/v1/events?${query}`);
      expect(response.status, query).toBe(200);
      expect((await readJson(response)).total, query).toBe(0);
    }
  });

  it('answers bad input with a 400 problem naming the field', async () => {
    const cases: [string, string][] = [
      ['size=0', 'size'],
      ['size=101', 'size'],
      ['page=abc', 'page'],
      ['from=yesterday', 'from'],
      ['city=Se%00oul', 'city'],
      ['status=draft', 'status'],
      ['kind=sitting', 'kind'],
      ['sort=popularity', 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await get(`/api/v1/events?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await readJson(response);
      expect(problem.detail, query).toContain(field);
      expect(
        problem.errors.map((error: { path: string }) => error.path.split('.')[0]),
        query,
      ).toContain(field);
    }
  });
});

describe('GET /api/v1/events/{id}', () => {
  it('shows the event with its performances and the organiser name from auth-service, never their email', async () => {
    const response = await get(`/api/v1/events/${ids.seoulSoon}`);
    expect(response.status).toBe(200);
    const event = await readJson(response);
    expect(event).toMatchObject({
      id: ids.seoulSoon,
      description: 'An evening of songs',
      performances: [
        { id: 'p-1', startsAt: '2026-07-01T10:00:00.000Z' },
        { id: 'p-2', startsAt: '2026-07-02T10:00:00.000Z' },
      ],
      organiser: { id: organiserId, displayName: 'Kakao Ent.' },
    });
    expect(JSON.stringify(event)).not.toContain('promoter@example.com');
  });

  it('asks auth-service once per organiser and reuses the answer', async () => {
    await get(`/api/v1/events/${ids.seoulSoon}`);
    await get(`/api/v1/events/${ids.incheonSoldOut}`);
    await get(`/api/v1/events/${ids.seoulSoon}`);
    expect(auth.calls.filter((id) => id === organiserId)).toHaveLength(1);
  });

  it('shows an organiser auth-service does not know without a name, and keeps asking for others', async () => {
    const unknown = await readJson(await get(`/api/v1/events/${ids.busanStanding}`));
    expect(unknown.organiser).toEqual({ id: unknown.organiserId, displayName: null });
    const known = await readJson(await get(`/api/v1/events/${ids.seoulLater}`));
    expect(known.organiser).toEqual({ id: secondOrganiserId, displayName: 'Indie Label' });
  });

  it('still shows the event, without the organiser name, when auth-service is down', async () => {
    const response = await get(`/api/v1/events/${ids.incheonSoldOut}`, catalogWithoutAuth);
    expect(response.status).toBe(200);
    const event = await readJson(response);
    expect(event.title).toBe(`아이유 팬미팅 ${runTag}`);
    expect(event.organiser).toEqual({ id: event.organiserId, displayName: null });
  });

  it('answers 404 for an unknown event and for a draft', async () => {
    for (const id of [randomUUID(), ids.draft]) {
      const response = await get(`/api/v1/events/${id}`);
      expect(response.status).toBe(404);
      expect((await readJson(response)).detail).toBe(`no event ${id}`);
    }
  });
});

describe('artists', () => {
  it('lists artists with public events by name, with their event counts', async () => {
    const response = await get(`/api/v1/artists?q=${encodeURIComponent(runTag)}`);
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      items: [{ id: artist.id, name: artist.name, eventCount: 2 }],
      page: 1,
      size: 20,
      total: 1,
      totalPages: 1,
    });
  });

  it('shows an artist with their public events, soonest first', async () => {
    const response = await get(`/api/v1/artists/${artist.id}`);
    expect(response.status).toBe(200);
    const found = await readJson(response);
    expect(found).toMatchObject({ id: artist.id, name: artist.name, eventCount: 2 });
    expect(found.events.map((event: { id: string }) => event.id)).toEqual([
      ids.seoulSoon,
      ids.incheonSoldOut,
    ]);
  });

  it('does not reveal an artist known only from a draft', async () => {
    expect((await get(`/api/v1/artists/${lonelyArtist.id}`)).status).toBe(404);
    const search = await readJson(await get(`/api/v1/artists?q=${encodeURIComponent('Draft Only')}`));
    expect(search.items.map((item: { id: string }) => item.id)).not.toContain(lonelyArtist.id);
  });

  it('refuses a page size over 100', async () => {
    const response = await get('/api/v1/artists?size=500');
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors[0].path).toBe('size');
  });
});

describe('OpenAPI', () => {
  it('documents the public routes with their query parameters', async () => {
    const document = await readJson(await get('/openapi.json'));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/events',
        '/api/v1/events/{id}',
        '/api/v1/artists',
        '/api/v1/artists/{id}',
      ]),
    );
    const parameters = document.paths['/api/v1/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(
      expect.arrayContaining(['q', 'category', 'city', 'status', 'from', 'to', 'page']),
    );
  });
});
