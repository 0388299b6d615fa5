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
  requireAdmin,
  type ServiceEnv,
  withTransaction,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { findArtist } from '../db/lineup-store.js';
import { membershipsOf } from '../db/membership-store.js';
import { unprocessable } from '../problems.js';
import { setMembershipTier } from '../use-cases/memberships.js';
import { Membership, membershipView } from './views.js';

const setTierRoute = createRoute({
  method: 'put',
  path: '/',
  summary: "Set a user's tier in an artist's fan club (joining them when not a member)",
  request: {
    body: jsonBody(
      z.object({ userId: z.string().min(1).max(128), artistId: z.uuid(), tier: z.enum(membershipTiers) }),
    ),
  },
  responses: {
    200: jsonResponse(
      z.object({ outcome: z.enum(['joined', 'tier-changed', 'unchanged']), membership: Membership }),
      'The membership',
    ),
    ...problemResponses(400, 401, 403, 422),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Memberships, by user or artist',
  request: {
    query: z.object({
      ...pageQuery,
      userId: z.string().min(1).max(128).optional(),
      artistId: z.uuid().optional(),
    }),
  },
  responses: {
    200: jsonResponse(pageSchema(Membership, 'AdminMembershipPage'), 'A page of memberships'),
    ...problemResponses(400, 401, 403),
  },
});

/** `/api/v1/admin/memberships`. */
export function adminMembershipRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.use('*', requireAdmin());
  router.openapi(setTierRoute, async (c) => {
    const { userId, artistId, tier } = c.req.valid('json');
    if (!(await findArtist(ctx.db.primary, artistId)))
      throw unprocessable('unknown-artist', `no artist ${artistId}`);
    const result = await withTransaction(ctx.db.primary, (tx) =>
      setMembershipTier(tx, { userId, artistId, tier, now: ctx.now() }),
    );
    c.get('logger').info({ userId, artistId, tier, outcome: result.outcome }, 'membership tier set');
    return c.json({ outcome: result.outcome, membership: membershipView(result.membership) }, 200);
  });
  router.openapi(listRoute, async (c) => {
    const { page, size, userId, artistId } = c.req.valid('query');
    const { rows, total } = await membershipsOf(
      ctx.db.primary,
      { userId, artistId },
      { limit: size, offset: pageOffset({ page, size }) },
    );
    return c.json(pageOf(rows.map(membershipView), { page, size }, total), 200);
  });
  return router;
}
