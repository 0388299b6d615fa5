import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  pageOf,
  pageOffset,
  pageQuery,
  pageSchema,
  problemResponses,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { TicketContext } from '../context.js';
import { transfersOfUser } from '../db/transfer-store.js';
import { acceptTransfer, offerTransfer, withdrawTransfer } from '../use-cases/transfers.js';
import { idParam, Transfer, transferView } from './views.js';

const offerRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Offer a paid reservation to someone else; the answer carries the one-time claim code',
  request: { body: jsonBody(z.object({ reservationId: z.uuid() })) },
  responses: {
    201: jsonResponse(
      Transfer.extend({
        claimCode: z.string().openapi({ description: 'give it to the recipient; it is shown only once' }),
      }),
      'The pending transfer',
    ),
    ...problemResponses(400, 401, 404, 409),
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/{id}/accept',
  summary: 'Claim a transfer with its code: the reservation becomes mine',
  request: { params: idParam, body: jsonBody(z.object({ claimCode: z.string().min(1).max(64) })) },
  responses: {
    200: jsonResponse(Transfer, 'The completed transfer'),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  summary: 'Withdraw a transfer nobody claimed yet',
  request: { params: idParam },
  responses: { 200: jsonResponse(Transfer, 'The cancelled transfer'), ...problemResponses(401, 404, 409) },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Transfers I offered or received',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonResponse(pageSchema(Transfer, 'TransferPage'), 'A page of transfers'),
    ...problemResponses(400, 401),
  },
});

/** `/api/v1/transfers`. */
export function transferRoutes(ctx: TicketContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  router.use('*', requireUser());

  router.openapi(offerRoute, async (c) => {
    const { reservationId } = c.req.valid('json');
    const { transfer, claimCode } = await offerTransfer(ctx, c.get('user'), reservationId);
    return c.json({ ...transferView(transfer), claimCode }, 201);
  });

  router.openapi(acceptRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { claimCode } = c.req.valid('json');
    const transfer = await acceptTransfer(ctx, c.get('user'), id, claimCode);
    c.get('logger').info({ transferId: id, reservationId: transfer.reservationId }, 'transfer completed');
    return c.json(transferView(transfer), 200);
  });

  router.openapi(withdrawRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(transferView(await withdrawTransfer(ctx, c.get('user'), id)), 200);
  });

  router.openapi(listRoute, async (c) => {
    const { page, size } = c.req.valid('query');
    const { rows, total } = await transfersOfUser(ctx.db.primary, c.get('user').id, {
      limit: size,
      offset: pageOffset({ page, size }),
    });
    return c.json(pageOf(rows.map(transferView), { page, size }, total), 200);
  });

  return router;
}
