import {
  type AuthUser,
  createRoute,
  createRouter,
  entryTokenCookieName,
  entryTokenTtlSeconds,
  HttpProblem,
  jsonResponse,
  problemResponses,
  requireExistingEvent,
  requireUser,
  type ServiceEnv,
  signEntryToken,
  signedIn,
  verifyEntryToken,
  z,
} from '@urr/common';
import { tier2Statuses } from '@urr/common/queue/tier2-keys';
import { vwrTokenCookieName } from '@urr/common/tokens/vwr-token';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { QueueContext } from '../context.js';
import { answerOf } from '../domain/queue-answer.js';
import { tier1PassHeaderName } from '../domain/tier1-pass.js';
import type { Tier2View } from '../domain/tier2-view.js';

type Env = ServiceEnv<{ user: AuthUser }>;

/** Event ids as the TicketEvent CRD allows them (they name Redis keys). */
const EventParams = z.object({
  eventId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'letters, digits, - and _ only' })
    .openapi({ param: { name: 'eventId', in: 'path' }, example: '3f0c2b9e-5b6a-4d51-9c1e-2a7d8e4f6a10' }),
});

const QueueState = z
  .object({
    eventId: z.string(),
    state: z.enum(['waiting', 'admitted', 'not-in-line']),
    queueStatus: z.enum(tier2Statuses).openapi({
      description: 'open: admitting; paused: the line holds still; soldout / closed: nobody more is let in',
    }),
    queueNumber: z.number().int().nullable().openapi({
      description:
        'Arrival number; kept while in line or admitted, a new one after leaving or losing the slot',
    }),
    position: z.number().int().nullable().openapi({ description: '1-based place in line while waiting' }),
    ahead: z.number().int().nullable(),
    behind: z.number().int().nullable(),
    etaSeconds: z.number().int().nullable(),
    etaBasis: z.enum(['measured', 'estimated']).nullable(),
    pollAfterSeconds: z
      .number()
      .int()
      .openapi({ description: 'Call status again (waiting) or heartbeat (admitted) after this long' }),
    entryToken: z.string().optional().openapi({
      description: 'urr-entry-token (also set as an HttpOnly cookie); send it as x-queue-entry-token',
    }),
    entryTokenExpiresAt: z.iso.datetime().optional(),
  })
  .openapi('QueueState');

const route = (method: 'get' | 'post', path: string, summary: string) =>
  createRoute({
    method,
    path,
    summary,
    security: signedIn,
    request: { params: EventParams },
    responses: {
      200: jsonResponse(QueueState, 'Where the user stands'),
      ...problemResponses(400, 401),
    },
  });

const enter = createRoute({
  method: 'post',
  path: '/{eventId}/enter',
  summary: 'Line up (or enter directly below the threshold); entering again keeps the place or the slot',
  description:
    `While the event's waiting room is active, a newcomer needs its pass (${vwrTokenCookieName} cookie or ` +
    `${tier1PassHeaderName} header) for this event, issued to this account; else 403 tier1-pass-required, ` +
    '-wrong-event, -other-account, -expired, -revoked (issued before the account revoked its passes) or ' +
    '-invalid. Whoever left or lost their slot starts at the back. ' +
    'In the first minute after the opening, a pass holder at a line not yet opened gets 503 queue-opening ' +
    '(Retry-After) instead of 409 queue-closed.',
  security: signedIn,
  request: {
    params: EventParams,
    headers: z.object({
      [tier1PassHeaderName]: z
        .string()
        .optional()
        .openapi({ description: `The waiting-room pass, when not sent as the ${vwrTokenCookieName} cookie` }),
    }),
  },
  responses: {
    200: jsonResponse(QueueState, 'Where the user stands'),
    ...problemResponses(400, 401, 403, 404, 409, 503),
  },
});
const status = route('get', '/{eventId}/status', 'Place in line, people ahead and behind, expected wait');
const heartbeat = route(
  'post',
  '/{eventId}/heartbeat',
  'Keep an admitted slot (it expires without one) and renew the entry token',
);
const leave = route('post', '/{eventId}/leave', 'Give up the place or the slot');

export function queueRoutes(deps: QueueContext) {
  const router = createRouter<Env>();
  router.use('*', requireUser());
  const activeTtlSeconds = deps.config.QUEUE_ACTIVE_TTL_SECONDS;

  async function answer(c: Context<Env>, eventId: string, view: Tier2View) {
    deps.onEventServed?.(eventId);
    deps.meter.record(eventId, view.nowMs, view.admittedTotal);
    const body = answerOf(view, {
      eventId,
      activeTtlSeconds,
      admissionsPerSecond: deps.meter.ratePerSecond(eventId),
    });
    if (body.state !== 'admitted') return c.json(body, 200);
    const issuedAt = new Date();
    if (view.arrival === null) throw new Error(`admitted user ${c.get('user').id} has no arrival number`);
    const entryToken = await signEntryToken(
      { userId: c.get('user').id, eventId, slot: String(view.arrival) },
      deps.config.ENTRY_TOKEN_SECRET,
      issuedAt,
    );
    setCookie(c, entryTokenCookieName, entryToken, {
      httpOnly: true,
      secure: deps.config.ENTRY_COOKIE_SECURE,
      sameSite: 'Lax',
      path: '/',
      maxAge: entryTokenTtlSeconds,
    });
    const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + entryTokenTtlSeconds * 1000);
    return c.json({ ...body, entryToken, entryTokenExpiresAt: expiresAt.toISOString() }, 200);
  }

  router.openapi(enter, async (c) => {
    const { eventId } = c.req.valid('param');
    if (!(await deps.queue.knows(eventId)))
      await requireExistingEvent(deps.events, eventId, c.get('requestId'));
    const refusal = await deps.tier1.refusalFor(
      [c.req.valid('header')[tier1PassHeaderName], getCookie(c, vwrTokenCookieName)],
      { eventId, userId: c.get('user').id },
    );
    const view = await deps.queue.enter(eventId, c.get('user').id, { mayTakePlace: refusal === undefined });
    if (view.state === 'needs-pass')
      throw refusal ?? new Error('the enter script refused a newcomer it was told to let in');
    if (view.state === 'refused') {
      if (
        view.status === 'closed' &&
        refusal === undefined &&
        (await deps.tier1.isOpening(eventId, Date.now()))
      )
        throw new HttpProblem(
          503,
          {
            type: 'urn:urr:problem:queue-opening',
            title: 'Service Unavailable',
            detail: `the sale of event ${eventId} is opening; try again in a moment`,
          },
          { 'retry-after': '2' },
        );
      const soldOut = view.status === 'soldout';
      throw new HttpProblem(409, {
        type: soldOut ? 'urn:urr:problem:queue-sold-out' : 'urn:urr:problem:queue-closed',
        title: soldOut ? 'Sold out' : 'Queue closed',
        detail: soldOut
          ? `event ${eventId} is sold out; nobody more is let in line`
          : `the queue of event ${eventId} is not open`,
        queueStatus: view.status,
      });
    }
    return answer(c, eventId, view);
  });

  router.openapi(status, async (c) => {
    const { eventId } = c.req.valid('param');
    return answer(c, eventId, await deps.queue.status(eventId, c.get('user').id));
  });

  router.openapi(heartbeat, async (c) => {
    const { eventId } = c.req.valid('param');
    return answer(c, eventId, await deps.queue.heartbeat(eventId, c.get('user').id));
  });

  router.openapi(leave, async (c) => {
    const { eventId } = c.req.valid('param');
    const view = await deps.queue.leave(eventId, c.get('user').id);
    const cookie = getCookie(c, entryTokenCookieName);
    // One cookie name serves every event: clear it only when it is this event's pass.
    if (cookie) {
      const forThisEvent = await verifyEntryToken(cookie, deps.config.ENTRY_TOKEN_SECRET, { eventId }).then(
        () => true,
        () => false,
      );
      if (forThisEvent) deleteCookie(c, entryTokenCookieName, { path: '/' });
    }
    return answer(c, eventId, view);
  });

  return router;
}
