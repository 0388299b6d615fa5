import {
  type AuthUser,
  createRoute,
  createRouter,
  HttpProblem,
  jsonBody,
  jsonResponse,
  pageOf,
  pageQuery,
  pageSchema,
  partialUpdate,
  problemResponses,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { CommunityContext } from '../context.js';
import {
  deleteContent,
  findReviewByAuthor,
  insertReview,
  listReviews,
  reviewSummary,
  updateReview,
} from '../db/community-store.js';
import { assertAuthorOf, notFound } from './guards.js';
import { eventIdParam, Review, rating, reviewBody, reviewView } from './views.js';

const eventParams = z.object({ eventId: eventIdParam });
const reviewParams = z.object({ reviewId: z.uuid() });

const ReviewPage = pageSchema(Review, 'ReviewPage')
  .extend({
    summary: z.object({
      count: z.number().int(),
      averageRating: z.number().nullable().openapi({ description: 'null while the event has no reviews' }),
    }),
  })
  .openapi('EventReviews');

const list = createRoute({
  method: 'get',
  path: '/events/{eventId}/reviews',
  summary: "An event's reviews, newest first, with their count and average rating",
  request: { params: eventParams, query: z.object(pageQuery) },
  responses: { 200: jsonResponse(ReviewPage, 'A page of reviews'), ...problemResponses(400) },
});

const create = createRoute({
  method: 'post',
  path: '/events/{eventId}/reviews',
  summary: 'Review an event you hold a confirmed reservation for (one review per event)',
  middleware: requireUser(),
  request: { params: eventParams, body: jsonBody(z.object({ rating, body: reviewBody })) },
  responses: {
    201: jsonResponse(Review, 'Reviewed'),
    ...problemResponses(400, 401, 403, 409, 503),
  },
});

const edit = createRoute({
  method: 'patch',
  path: '/reviews/{reviewId}',
  summary: 'Edit your review',
  middleware: requireUser(),
  request: {
    params: reviewParams,
    body: jsonBody(partialUpdate(z.object({ rating, body: reviewBody }))),
  },
  responses: { 200: jsonResponse(Review, 'Edited'), ...problemResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/reviews/{reviewId}',
  summary: 'Delete your review',
  middleware: requireUser(),
  request: { params: reviewParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
});

const alreadyReviewed = (eventId: string) =>
  new HttpProblem(409, {
    type: 'urn:urr:problem:already-reviewed',
    title: 'Conflict',
    detail: `you have reviewed event ${eventId} already; edit that review instead`,
  });

export function reviewRoutes(deps: CommunityContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  const db = deps.db.primary;

  router.openapi(list, async (c) => {
    const { eventId } = c.req.valid('param');
    const page = c.req.valid('query');
    const [{ rows, total }, summary] = await Promise.all([
      listReviews(db, { eventId, visibility: 'visible' }, page),
      reviewSummary(db, eventId),
    ]);
    return c.json({ ...pageOf(rows.map(reviewView), page, total), summary }, 200);
  });

  router.openapi(create, async (c) => {
    const { eventId } = c.req.valid('param');
    const user = c.get('user');
    if (await findReviewByAuthor(db, eventId, user.id)) throw alreadyReviewed(eventId);
    const confirmed = await deps.reservations.hasConfirmedReservation(user.id, eventId, c.get('requestId'));
    if (!confirmed)
      throw new HttpProblem(403, {
        type: 'urn:urr:problem:no-confirmed-reservation',
        title: 'Forbidden',
        detail: `only holders of a confirmed reservation for event ${eventId} can review it`,
      });
    const review = await insertReview(db, { eventId, authorId: user.id, ...c.req.valid('json') });
    if (!review) throw alreadyReviewed(eventId);
    return c.json(reviewView(review), 201);
  });

  router.openapi(edit, async (c) => {
    const { reviewId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'review', reviewId, 'edit');
    const edited = await updateReview(db, reviewId, c.req.valid('json'));
    if (!edited) throw notFound('review', reviewId);
    return c.json(reviewView(edited), 200);
  });

  router.openapi(remove, async (c) => {
    const { reviewId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'review', reviewId, 'delete');
    await deleteContent(db, 'review', reviewId);
    return c.body(null, 204);
  });

  return router;
}
