import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  nonBlankText,
  pageOf,
  pageOffset,
  pageQuery,
  pageSchema,
  partialUpdate,
  problemResponses,
  requireAdmin,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import {
  type ArtistRow,
  insertArtist,
  insertVenue,
  listArtists,
  listVenues,
  type VenueRow,
} from '../db/lineup-store.js';
import { notFound } from '../problems.js';
import { changeArtist, changeVenue } from '../use-cases/lineup-admin.js';
import { idParam, isoDateTime } from './views.js';

type Env = ServiceEnv<{ user: AuthUser }>;
const name = nonBlankText(200);

const VenueFields = z.object({
  name,
  city: z.string().trim().max(100).default(''),
  address: z.string().trim().max(500).default(''),
});
const Venue = VenueFields.extend({ id: z.uuid(), createdAt: isoDateTime, updatedAt: isoDateTime }).openapi(
  'Venue',
);

const ArtistFields = z.object({
  name,
  genre: z.string().trim().max(100).default(''),
  description: z.string().max(5000).default(''),
});
const Artist = ArtistFields.extend({ id: z.uuid(), createdAt: isoDateTime, updatedAt: isoDateTime }).openapi(
  'Artist',
);

const dates = (row: VenueRow | ArtistRow) => ({
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
const venueView = (row: VenueRow) => ({ ...row, ...dates(row) });
const artistView = (row: ArtistRow) => ({ ...row, ...dates(row) });

const venueRoutesSpec = {
  create: createRoute({
    method: 'post',
    path: '/',
    summary: 'Add a venue',
    request: { body: jsonBody(VenueFields) },
    responses: { 201: jsonResponse(Venue, 'The venue'), ...problemResponses(400, 401, 403) },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    summary: 'Venues by name',
    request: { query: z.object(pageQuery) },
    responses: {
      200: jsonResponse(pageSchema(Venue, 'VenuePage'), 'A page of venues'),
      ...problemResponses(400, 401, 403),
    },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: "Change a venue (its events' catalog entries follow)",
    request: {
      params: idParam,
      body: jsonBody(
        partialUpdate(
          VenueFields.extend({ city: z.string().trim().max(100), address: z.string().trim().max(500) }),
        ),
      ),
    },
    responses: { 200: jsonResponse(Venue, 'The venue'), ...problemResponses(400, 401, 403, 404) },
  }),
};

const artistRoutesSpec = {
  create: createRoute({
    method: 'post',
    path: '/',
    summary: 'Add an artist',
    request: { body: jsonBody(ArtistFields) },
    responses: { 201: jsonResponse(Artist, 'The artist'), ...problemResponses(400, 401, 403) },
  }),
  list: createRoute({
    method: 'get',
    path: '/',
    summary: 'Artists by name',
    request: { query: z.object(pageQuery) },
    responses: {
      200: jsonResponse(pageSchema(Artist, 'ArtistPage'), 'A page of artists'),
      ...problemResponses(400, 401, 403),
    },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: "Change an artist (their events' catalog entries follow)",
    request: {
      params: idParam,
      body: jsonBody(
        partialUpdate(
          ArtistFields.extend({ genre: z.string().trim().max(100), description: z.string().max(5000) }),
        ),
      ),
    },
    responses: { 200: jsonResponse(Artist, 'The artist'), ...problemResponses(400, 401, 403, 404) },
  }),
};

/** `/api/v1/admin/venues`. */
export function adminVenueRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireAdmin());
  router.openapi(venueRoutesSpec.create, async (c) =>
    c.json(venueView(await insertVenue(ctx.db.primary, c.req.valid('json'))), 201),
  );
  router.openapi(venueRoutesSpec.list, async (c) => {
    const { page, size } = c.req.valid('query');
    const { rows, total } = await listVenues(ctx.db.primary, {
      limit: size,
      offset: pageOffset({ page, size }),
    });
    return c.json(pageOf(rows.map(venueView), { page, size }, total), 200);
  });
  router.openapi(venueRoutesSpec.update, async (c) => {
    const { id } = c.req.valid('param');
    const venue = await changeVenue(ctx, id, c.req.valid('json'));
    if (!venue) throw notFound('venue', id);
    return c.json(venueView(venue), 200);
  });
  return router;
}

/** `/api/v1/admin/artists`. */
export function adminArtistRoutes(ctx: TicketContext) {
  const router = createRouter<Env>();
  router.use('*', requireAdmin());
  router.openapi(artistRoutesSpec.create, async (c) =>
    c.json(artistView(await insertArtist(ctx.db.primary, c.req.valid('json'))), 201),
  );
  router.openapi(artistRoutesSpec.list, async (c) => {
    const { page, size } = c.req.valid('query');
    const { rows, total } = await listArtists(ctx.db.primary, {
      limit: size,
      offset: pageOffset({ page, size }),
    });
    return c.json(pageOf(rows.map(artistView), { page, size }, total), 200);
  });
  router.openapi(artistRoutesSpec.update, async (c) => {
    const { id } = c.req.valid('param');
    const artist = await changeArtist(ctx, id, c.req.valid('json'));
    if (!artist) throw notFound('artist', id);
    return c.json(artistView(artist), 200);
  });
  return router;
}
