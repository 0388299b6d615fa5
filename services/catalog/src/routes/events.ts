import {
  createRoute,
  createRouter,
  HttpProblem,
  jsonResponse,
  pageOf,
  pageQuery,
  pageSchema,
  problemResponses,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { CatalogContext } from '../context.js';
import { eventSorts, findPublicEvent, listEvents } from '../db/catalog-store.js';
import { eventKinds } from '../db/schema.js';
import { publicStatuses } from '../domain/event-snapshot.js';
import { EventDetail, EventSummary, eventSummaryOf } from './event-views.js';

const instant = z.iso.datetime({ offset: true, error: 'use an ISO 8601 date-time with an offset' });

const oneStatus = `\\s*(?:${publicStatuses.join('|')})\\s*`;
/** What `status` takes: public statuses, comma-separated, spaces around them allowed. */
const statusListPattern = `^${oneStatus}(?:,${oneStatus})*$`;

const listQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'words in the title, artist or venue', pattern: '\\S' }),
    category: z.string().min(1).max(64).optional(),
    city: z.string().min(1).max(100).optional().openapi({ description: 'venue city, any letter case' }),
    status: z
      .string()
      .optional()
      .transform((value) => (value === undefined ? undefined : value.split(',').map((part) => part.trim())))
      .pipe(z.array(z.enum(publicStatuses)).min(1).optional())
      .openapi({
        type: 'string',
        description: `comma-separated: ${publicStatuses.join(', ')}`,
        pattern: statusListPattern,
      }),
    kind: z.enum(eventKinds).optional(),
    artistId: z.string().min(1).max(128).optional(),
    from: instant.optional().openapi({ description: 'a performance starts at or after this' }),
    to: instant.optional().openapi({ description: 'a performance starts before this' }),
    sort: z.enum(eventSorts).default('startsAt'),
    ...pageQuery,
  })
  .openapi({ description: 'A `to` not later than `from` names no instant: the page is empty.' });

const eventId = z.object({ id: z.string().min(1).max(128) });

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Search, filter, sort and page through the public events',
  request: { query: listQuery },
  responses: {
    200: jsonResponse(pageSchema(EventSummary, 'EventPage'), 'A page of events'),
    ...problemResponses(400),
  },
});

const detail = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One public event with its performances and organiser',
  request: { params: eventId },
  responses: { 200: jsonResponse(EventDetail, 'The event'), ...problemResponses(400, 404) },
});

export function eventRoutes(deps: CatalogContext) {
  const router = createRouter<ServiceEnv>();

  router.openapi(list, async (c) => {
    const { sort, page, size, status, from, to, ...filter } = c.req.valid('query');
    const { rows, total } = await listEvents(
      deps.db.replica,
      {
        ...filter,
        statuses: status,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      },
      sort,
      { page, size },
    );
    return c.json(pageOf(rows.map(eventSummaryOf), { page, size }, total), 200);
  });

  router.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    const found = await findPublicEvent(deps.db.replica, id);
    if (!found) throw new HttpProblem(404, { title: 'Not Found', detail: `no event ${id}`, eventId: id });
    const organiser = await deps.organisers.lookup(found.event.organiserId, c.get('requestId'));
    return c.json(
      {
        ...eventSummaryOf(found.event),
        description: found.event.description,
        performances: found.performances.map((performance) => ({
          id: performance.id,
          startsAt: performance.startsAt.toISOString(),
        })),
        organiser,
      },
      200,
    );
  });

  return router;
}
