import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  nonBlankText,
  pageOf,
  pageQuery,
  pageSchema,
  problemResponses,
  requireAdmin,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { CommunityContext } from '../context.js';
import {
  listComments,
  listModerationActions,
  listPosts,
  listReviews,
  type ModerationDecision,
  moderate,
} from '../db/community-store.js';
import { type ContentKind, contentKinds, moderationActionKinds } from '../db/schema.js';
import { notFound } from './guards.js';
import {
  eventIdParam,
  ModeratedComment,
  ModeratedPost,
  ModeratedReview,
  moderatedCommentView,
  moderatedPostView,
  moderatedReviewView,
} from './views.js';

const collections = { posts: 'post', comments: 'comment', reviews: 'review' } as const satisfies Record<
  string,
  ContentKind
>;
const contentParams = z.object({
  collection: z.enum(Object.keys(collections) as [keyof typeof collections, ...(keyof typeof collections)[]]),
  id: z.uuid(),
});
const visibility = z.enum(['visible', 'hidden', 'all']).default('all');
const reason = nonBlankText(500, { error: 'say why' });

const ModerationAction = z
  .object({
    id: z.uuid(),
    contentKind: z.enum(contentKinds),
    contentId: z.uuid(),
    action: z.enum(moderationActionKinds),
    adminId: z.string(),
    reason: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('ModerationAction');

const listPostsRoute = createRoute({
  method: 'get',
  path: '/posts',
  summary: 'Posts including hidden ones, newest first',
  request: { query: z.object({ eventId: eventIdParam.optional(), status: visibility, ...pageQuery }) },
  responses: {
    200: jsonResponse(pageSchema(ModeratedPost, 'ModeratedPostPage'), 'A page of posts'),
    ...problemResponses(400, 401, 403),
  },
});

const listCommentsRoute = createRoute({
  method: 'get',
  path: '/comments',
  summary: 'Comments including hidden ones',
  request: { query: z.object({ postId: z.uuid().optional(), status: visibility, ...pageQuery }) },
  responses: {
    200: jsonResponse(pageSchema(ModeratedComment, 'ModeratedCommentPage'), 'A page of comments'),
    ...problemResponses(400, 401, 403),
  },
});

const listReviewsRoute = createRoute({
  method: 'get',
  path: '/reviews',
  summary: 'Reviews including hidden ones, newest first',
  request: { query: z.object({ eventId: eventIdParam.optional(), status: visibility, ...pageQuery }) },
  responses: {
    200: jsonResponse(pageSchema(ModeratedReview, 'ModeratedReviewPage'), 'A page of reviews'),
    ...problemResponses(400, 401, 403),
  },
});

const hide = createRoute({
  method: 'post',
  path: '/{collection}/{id}/hide',
  summary: 'Hide a post, comment or review from the public',
  request: { params: contentParams, body: jsonBody(z.object({ reason })) },
  responses: { 200: jsonResponse(ModerationAction, 'Hidden'), ...problemResponses(400, 401, 403, 404) },
});

const unhide = createRoute({
  method: 'post',
  path: '/{collection}/{id}/unhide',
  summary: 'Show hidden content again',
  request: { params: contentParams },
  responses: { 200: jsonResponse(ModerationAction, 'Shown again'), ...problemResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/{collection}/{id}',
  summary: "Delete a post (with its comments), comment or review; the log keeps the admin's reason",
  request: { params: contentParams, query: z.object({ reason: reason.optional() }) },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
});

const log = createRoute({
  method: 'get',
  path: '/moderation-actions',
  summary: 'What admins decided, newest first',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonResponse(pageSchema(ModerationAction, 'ModerationActionPage'), 'A page of decisions'),
    ...problemResponses(400, 401, 403),
  },
});

export function moderationRoutes(deps: CommunityContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  const db = deps.db.primary;
  router.use('*', requireAdmin());

  router.openapi(listPostsRoute, async (c) => {
    const { eventId, status, page, size } = c.req.valid('query');
    const { rows, total } = await listPosts(db, { eventId, visibility: status }, { page, size });
    return c.json(pageOf(rows.map(moderatedPostView), { page, size }, total), 200);
  });

  router.openapi(listCommentsRoute, async (c) => {
    const { postId, status, page, size } = c.req.valid('query');
    const { rows, total } = await listComments(db, { postId, visibility: status }, { page, size });
    return c.json(pageOf(rows.map(moderatedCommentView), { page, size }, total), 200);
  });

  router.openapi(listReviewsRoute, async (c) => {
    const { eventId, status, page, size } = c.req.valid('query');
    const { rows, total } = await listReviews(db, { eventId, visibility: status }, { page, size });
    return c.json(pageOf(rows.map(moderatedReviewView), { page, size }, total), 200);
  });

  const decide = async (decision: ModerationDecision) => {
    const recorded = await moderate(db, decision);
    if (!recorded) throw notFound(decision.kind, decision.contentId);
    return recorded;
  };

  router.openapi(hide, async (c) => {
    const { collection, id } = c.req.valid('param');
    const action = await decide({
      kind: collections[collection],
      contentId: id,
      action: 'hide',
      adminId: c.get('user').id,
      reason: c.req.valid('json').reason,
    });
    return c.json(moderationActionView(action), 200);
  });

  router.openapi(unhide, async (c) => {
    const { collection, id } = c.req.valid('param');
    const action = await decide({
      kind: collections[collection],
      contentId: id,
      action: 'unhide',
      adminId: c.get('user').id,
    });
    return c.json(moderationActionView(action), 200);
  });

  router.openapi(remove, async (c) => {
    const { collection, id } = c.req.valid('param');
    await decide({
      kind: collections[collection],
      contentId: id,
      action: 'delete',
      adminId: c.get('user').id,
      reason: c.req.valid('query').reason,
    });
    return c.body(null, 204);
  });

  router.openapi(log, async (c) => {
    const page = c.req.valid('query');
    const { rows, total } = await listModerationActions(db, page);
    return c.json(pageOf(rows.map(moderationActionView), page, total), 200);
  });

  return router;
}

function moderationActionView(row: Awaited<ReturnType<typeof listModerationActions>>['rows'][number]) {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
