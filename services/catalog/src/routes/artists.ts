import {
  createRoute,
  createRouter,
  HttpProblem,
  jsonResponse,
  nonBlankText,
  pageOf,
  pageQuery,
  pageSchema,
  problemResponses,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { CatalogContext } from '../context.js';
import { findPublicArtist, listArtists, listEvents } from '../db/catalog-store.js';
import { EventSummary, eventSummaryOf } from './event-views.js';

/** An artist page lists this many events; `GET /api/v1/events?artistId=` pages through all of them. */
export const artistEventsShown = 100;

const Artist = z.object({ id: z.string(), name: z.string(), eventCount: z.number().int() }).openapi('Artist');
const ArtistDetail = Artist.extend({ events: z.array(EventSummary) }).openapi('ArtistDetail');

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Artists with public events, by name',
  request: {
    query: z.object({ q: nonBlankText(100).optional(), ...pageQuery }),
  },
  responses: {
    200: jsonResponse(pageSchema(Artist, 'ArtistPage'), 'A page of artists'),
    ...problemResponses(400),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One artist with their public events, soonest first',
  request: { params: z.object({ id: z.string().min(1).max(128) }) },
  responses: { 200: jsonResponse(ArtistDetail, 'The artist'), ...problemResponses(400, 404) },
});

export function artistRoutes(deps: CatalogContext) {
  const router = createRouter<ServiceEnv>();

  router.openapi(list, async (c) => {
    const { q, page, size } = c.req.valid('query');
    const { rows, total } = await listArtists(deps.db.replica, q, { page, size });
    return c.json(pageOf(rows, { page, size }, total), 200);
  });

  router.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const artist = await findPublicArtist(deps.db.replica, id);
    if (!artist) throw new HttpProblem(404, { title: 'Not Found', detail: `no artist ${id}`, artistId: id });
    const { rows } = await listEvents(deps.db.replica, { artistId: id }, 'startsAt', {
      page: 1,
      size: artistEventsShown,
    });
    return c.json({ ...artist, events: rows.map(eventSummaryOf) }, 200);
  });

  return router;
}
