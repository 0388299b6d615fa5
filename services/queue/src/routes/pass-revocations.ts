import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  problemResponses,
  requireAdmin,
  type ServiceEnv,
  signedIn,
  z,
} from '@urr/common';
import type { QueueContext } from '../context.js';
import type { PassRevocation } from '../use-cases/revoke-passes.js';

const AccountParams = z.object({
  userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' }, description: 'The fan’s account id' }),
});

const PassRevocationAnswer = z
  .object({
    userId: z.uuid(),
    revokedBefore: z.iso.datetime().openapi({
      description:
        'Waiting-room and entry passes of the account issued before this instant are void; its places in ' +
        'the Tier-2 lines are ended. Passes issued from then on work.',
    }),
  })
  .openapi('PassRevocation');

const answerOf = (revocation: PassRevocation) => ({
  userId: revocation.userId,
  revokedBefore: revocation.revokedBefore.toISOString(),
});

const adminRevoke = createRoute({
  method: 'post',
  path: '/accounts/{userId}/pass-revocations',
  summary: 'Revoke a fan’s waiting-room and entry passes (admin)',
  description:
    'Voids every Tier-1 waiting-room pass and Tier-2 entry pass issued to the account until now and ends its ' +
    'places in the Tier-2 lines; the fan may line up again and gets new passes. Repeating it is harmless.',
  middleware: [requireAdmin()] as const,
  security: signedIn,
  request: { params: AccountParams },
  responses: {
    200: jsonResponse(PassRevocationAnswer, 'Revoked'),
    ...problemResponses(400, 401, 403),
  },
});

const internalRevoke = createRoute({
  method: 'post',
  path: '/accounts/{userId}/pass-revocations',
  summary: 'Revoke an account’s passes issued before an instant (auth-service’s sign-out everywhere)',
  description:
    'Needs x-internal-token. Repeating it, or an older instant after a newer one, changes nothing.',
  request: {
    params: AccountParams,
    body: jsonBody(z.object({ revokedAt: z.iso.datetime({ offset: true }) })),
  },
  responses: {
    200: jsonResponse(PassRevocationAnswer, 'Revoked'),
    ...problemResponses(400, 401),
  },
});

/** `/api/v1/queue/admin`: an admin voids a fan's passes (docs/adr/0040). */
export function adminPassRevocationRoutes(deps: QueueContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.openapi(adminRevoke, async (c) => {
    const { userId } = c.req.valid('param');
    const revocation = await deps.revocations.revoke(userId, new Date());
    c.get('logger').info(
      {
        audit: 'passes-revoked',
        actorId: c.get('user').id,
        userId,
        revokedBefore: revocation.revokedBefore.toISOString(),
      },
      'an admin revoked a fan’s waiting-room and entry passes',
    );
    return c.json(answerOf(revocation), 200);
  });
  return router;
}

/** `/internal`: auth-service voids the passes of an account that signed out everywhere. */
export function internalPassRevocationRoutes(deps: QueueContext) {
  const router = createRouter<ServiceEnv>();
  router.openapi(internalRevoke, async (c) => {
    const { userId } = c.req.valid('param');
    const revocation = await deps.revocations.revoke(userId, new Date(c.req.valid('json').revokedAt));
    c.get('logger').info(
      { userId, revokedBefore: revocation.revokedBefore.toISOString() },
      'passes revoked: the account signed out everywhere',
    );
    return c.json(answerOf(revocation), 200);
  });
  return router;
}
