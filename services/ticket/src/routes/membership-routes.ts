import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  membershipTiers,
  pageOf,
  pageOffset,
  pageQuery,
  pageSchema,
  problemResponses,
  requireUser,
  type ServiceEnv,
  withTransaction,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { findEvent } from '../db/event-store.js';
import { findArtist } from '../db/lineup-store.js';
import { membershipsOf, tierOf } from '../db/membership-store.js';
import { scheduleOf } from '../domain/purchase-window.js';
import { notFound } from '../problems.js';
import { setMembershipTier } from '../use-cases/memberships.js';
import { isoDateTime, Membership, membershipView } from './views.js';

/** New fan-club members start at the entry tier; admins move them up. */
const entryTier = 'bronze';

const joinRoute = createRoute({
  method: 'post',
  path: '/',
  summary: "Join an artist's fan club (entry tier); joining again keeps the tier I have",
  request: { body: jsonBody(z.object({ artistId: z.uuid() })) },
  responses: {
    201: jsonResponse(Membership, 'Joined'),
    200: jsonResponse(Membership, 'Already a member'),
    ...problemResponses(400, 401, 404),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'My memberships',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonResponse(pageSchema(Membership, 'MembershipPage'), 'A page of my memberships'),
    ...problemResponses(400, 401),
  },
});

const scheduleRoute = createRoute({
  method: 'get',
  path: '/events/{eventId}/schedule',
  summary: "When each membership tier may buy an event's tickets, and when I may",
  request: { params: z.object({ eventId: z.uuid() }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          eventId: z.uuid(),
          openings: z.array(
            z.object({ tier: z.enum([...membershipTiers, 'general']), opensAt: isoDateTime }),
          ),
          myTier: z.enum(membershipTiers).nullable(),
          myOpensAt: isoDateTime,
          closesAt: isoDateTime,
        })
        .openapi('PresaleSchedule'),
      'The presale schedule',
    ),
    ...problemResponses(401, 404),
  },
});

/** `/api/v1/memberships`. */
export function membershipRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.use('*', requireUser());

  router.openapi(joinRoute, async (c) => {
    const { artistId } = c.req.valid('json');
    if (!(await findArtist(ctx.db.primary, artistId))) throw notFound('artist', artistId);
    const result = await withTransaction(ctx.db.primary, (tx) =>
      setMembershipTier(tx, {
        userId: c.get('user').id,
        artistId,
        tier: entryTier,
        now: ctx.now(),
        onlyJoin: true,
      }),
    );
    return c.json(membershipView(result.membership), result.outcome === 'joined' ? 201 : 200);
  });

  router.openapi(listRoute, async (c) => {
    const { page, size } = c.req.valid('query');
    const { rows, total } = await membershipsOf(
      ctx.db.primary,
      { userId: c.get('user').id },
      { limit: size, offset: pageOffset({ page, size }) },
    );
    return c.json(pageOf(rows.map(membershipView), { page, size }, total), 200);
  });

  router.openapi(scheduleRoute, async (c) => {
    const { eventId } = c.req.valid('param');
    const event = await findEvent(ctx.db.replica, eventId);
    if (!event || event.status === 'draft') throw notFound('event', eventId);
    const schedule = scheduleOf(event);
    const tier = await tierOf(ctx.db.primary, c.get('user').id, event.artistId);
    return c.json(
      {
        eventId,
        openings: schedule
          .openings()
          .map(({ tier: who, opensAt }) => ({ tier: who, opensAt: opensAt.toISOString() })),
        myTier: tier ?? null,
        myOpensAt: schedule.opensAtFor(tier).toISOString(),
        closesAt: event.salesCloseAt.toISOString(),
      },
      200,
    );
  });

  return router;
}
