import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  problemResponses,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import { waitingListEntryStatuses, waitingListStates } from '../domain/waiting-list.js';
import {
  type EntryView,
  joinWaitingList,
  leaveWaitingList,
  myWaitingListEntries,
  myWaitingListPlace,
  type WaitingListViewDeps,
} from '../use-cases/waiting-list.js';
import { idParam, isoDateTime } from './views.js';

type Env = ServiceEnv<{ user: AuthUser }>;

const WaitingListEntry = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    status: z.enum(waitingListEntryStatuses),
    listState: z.enum(waitingListStates).openapi({
      description:
        'open: returned seats are offered in line order; closed: the sale has closed, nothing more is offered',
    }),
    grades: z.array(z.string()).openapi({ description: 'seated events: the grades I take' }),
    ticketTypeId: z.uuid().nullable(),
    performanceId: z.uuid().nullable(),
    maxPrice: z
      .number()
      .int()
      .openapi({ description: 'the most paid per seat or ticket, in the event’s currency' }),
    quantity: z.number().int(),
    joinedAt: isoDateTime,
    places: z
      .array(z.object({ forId: z.uuid(), name: z.string(), position: z.number().int().min(1) }))
      .openapi({
        description: 'while waiting: my place in line for each grade (or the ticket type), 1 = next',
      }),
    offer: z
      .object({
        reservationId: z.uuid(),
        expiresAt: isoDateTime.openapi({
          description: 'pay before this, or the seats pass to the next in line',
        }),
      })
      .nullable()
      .openapi({ description: 'seats held for me: pay for the reservation as any other' }),
  })
  .openapi('WaitingListEntry');

function entryView(view: EntryView) {
  const { entry } = view;
  return {
    id: entry.id,
    eventId: entry.eventId,
    status: entry.status,
    listState: view.listState,
    grades: view.grades,
    ticketTypeId: entry.ticketTypeId,
    performanceId: entry.performanceId,
    maxPrice: entry.maxPrice,
    quantity: entry.quantity,
    joinedAt: entry.createdAt.toISOString(),
    places: view.places,
    offer: view.offer && {
      reservationId: view.offer.reservationId,
      expiresAt: view.offer.expiresAt.toISOString(),
    },
  };
}

const joinRoute = createRoute({
  method: 'post',
  path: '/{id}/waiting-list',
  summary: 'Join the waiting list of a sold-out sale: returned seats are offered in line order',
  request: {
    params: idParam,
    body: jsonBody(
      z.object({
        grades: z
          .array(z.string().min(1).max(100))
          .min(1)
          .max(20)
          .optional()
          .openapi({ description: 'seated events: the grades I take, by name (e.g. R, S)' }),
        ticketTypeId: z.uuid().optional().openapi({ description: 'standing events: the ticket type I take' }),
        performanceId: z
          .uuid()
          .optional()
          .openapi({ description: 'seated events: only seats of this performance (any when absent)' }),
        maxPrice: z.number().int().min(0).max(100_000_000),
        quantity: z.number().int().min(1).max(20),
      }),
    ),
  },
  responses: {
    201: jsonResponse(WaitingListEntry, 'My entry, with my place in line'),
    ...problemResponses(400, 401, 404, 409, 422),
  },
});

const WaitingListPlace = z
  .object({
    eventId: z.uuid(),
    listState: z.enum(waitingListStates),
    entry: z.union([WaitingListEntry, z.null()]),
  })
  .openapi('WaitingListPlace');

const placeRoute = createRoute({
  method: 'get',
  path: '/{id}/waiting-list',
  summary: 'The waiting list’s state and my entry in it (null when I am not in line)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(WaitingListPlace, 'The list and my entry'),
    ...problemResponses(400, 401, 404),
  },
});

const leaveRoute = createRoute({
  method: 'delete',
  path: '/{id}/waiting-list',
  summary: 'Leave the waiting list (409 offer-pending while seats are held for me)',
  request: { params: idParam },
  responses: {
    200: jsonResponse(WaitingListEntry, 'My entry, left'),
    ...problemResponses(400, 401, 404, 409),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'My waiting-list entries of every event, with places and offers, newest first',
  responses: {
    200: jsonResponse(z.object({ items: z.array(WaitingListEntry) }), 'My entries'),
    ...problemResponses(401),
  },
});

/** `/api/v1/events/{id}/waiting-list`: join, look, leave (docs/adr/0042). */
export function eventWaitingListRoutes(deps: WaitingListViewDeps) {
  const router = createRouter<Env>();
  router.use('/:id/waiting-list', requireUser());

  router.openapi(joinRoute, async (c) => {
    const { id } = c.req.valid('param');
    const view = await joinWaitingList(deps, c.get('user'), id, c.req.valid('json'));
    c.get('logger').info({ eventId: id, entryId: view.entry.id }, 'joined the waiting list');
    return c.json(entryView(view), 201);
  });

  router.openapi(placeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const place = await myWaitingListPlace(deps, c.get('user'), id);
    return c.json({ ...place, entry: place.entry && entryView(place.entry) }, 200);
  });

  router.openapi(leaveRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(entryView(await leaveWaitingList(deps, c.get('user'), id)), 200);
  });
  return router;
}

/** `GET /api/v1/waiting-list`: mine. */
export function myWaitingListRoutes(deps: WaitingListViewDeps) {
  const router = createRouter<Env>();
  router.use('*', requireUser());
  router.openapi(mineRoute, async (c) => {
    const items = await myWaitingListEntries(deps, c.get('user'));
    return c.json({ items: items.map(entryView) }, 200);
  });
  return router;
}
