import {
  type AuthUser,
  createRoute,
  createRouter,
  jsonBody,
  jsonResponse,
  pageOf,
  pageQuery,
  pageSchema,
  partialUpdate,
  problemResponses,
  requireExistingEvent,
  requireUser,
  type ServiceEnv,
  z,
} from '@urr/common';
import type { CommunityContext } from '../context.js';
import {
  deleteContent,
  findPost,
  insertComment,
  insertPost,
  listComments,
  listPosts,
  updatePost,
} from '../db/community-store.js';
import { assertAuthorOf, notFound } from './guards.js';
import {
  Comment,
  commentBody,
  commentView,
  eventIdParam,
  Post,
  postBody,
  postTitle,
  postView,
} from './views.js';

const eventParams = z.object({ eventId: eventIdParam });
const postParams = z.object({ postId: z.uuid() });
const noContent = { description: 'Deleted' };

const listOfEvent = createRoute({
  method: 'get',
  path: '/events/{eventId}/posts',
  summary: "An event's posts, newest first",
  request: { params: eventParams, query: z.object(pageQuery) },
  responses: { 200: jsonResponse(pageSchema(Post, 'PostPage'), 'A page of posts'), ...problemResponses(400) },
});

const create = createRoute({
  method: 'post',
  path: '/events/{eventId}/posts',
  summary: 'Write a post about an event',
  middleware: requireUser(),
  request: { params: eventParams, body: jsonBody(z.object({ title: postTitle, body: postBody })) },
  responses: { 201: jsonResponse(Post, 'Posted'), ...problemResponses(400, 401, 404, 503) },
});

const show = createRoute({
  method: 'get',
  path: '/posts/{postId}',
  summary: 'One post',
  request: { params: postParams },
  responses: { 200: jsonResponse(Post, 'The post'), ...problemResponses(400, 404) },
});

const edit = createRoute({
  method: 'patch',
  path: '/posts/{postId}',
  summary: 'Edit your post',
  middleware: requireUser(),
  request: {
    params: postParams,
    body: jsonBody(partialUpdate(z.object({ title: postTitle, body: postBody }))),
  },
  responses: { 200: jsonResponse(Post, 'Edited'), ...problemResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/posts/{postId}',
  summary: 'Delete your post and its comments',
  middleware: requireUser(),
  request: { params: postParams },
  responses: { 204: noContent, ...problemResponses(400, 401, 403, 404) },
});

const listThread = createRoute({
  method: 'get',
  path: '/posts/{postId}/comments',
  summary: "A post's comments, oldest first",
  request: { params: postParams, query: z.object(pageQuery) },
  responses: {
    200: jsonResponse(pageSchema(Comment, 'CommentPage'), 'A page of comments'),
    ...problemResponses(400, 404),
  },
});

const comment = createRoute({
  method: 'post',
  path: '/posts/{postId}/comments',
  summary: 'Comment on a post',
  middleware: requireUser(),
  request: { params: postParams, body: jsonBody(z.object({ body: commentBody })) },
  responses: { 201: jsonResponse(Comment, 'Commented'), ...problemResponses(400, 401, 404) },
});

export function postRoutes(deps: CommunityContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  const db = deps.db.primary;

  /** A post the public may see; hidden ones are as good as absent. */
  const visiblePost = async (postId: string) => {
    const post = await findPost(db, postId);
    if (!post || post.hiddenAt) throw notFound('post', postId);
    return post;
  };

  router.openapi(listOfEvent, async (c) => {
    const { eventId } = c.req.valid('param');
    const page = c.req.valid('query');
    const { rows, total } = await listPosts(db, { eventId, visibility: 'visible' }, page);
    return c.json(pageOf(rows.map(postView), page, total), 200);
  });

  router.openapi(create, async (c) => {
    const { eventId } = c.req.valid('param');
    await requireExistingEvent(deps.events, eventId, c.get('requestId'));
    const post = await insertPost(db, { eventId, authorId: c.get('user').id, ...c.req.valid('json') });
    return c.json(postView(post), 201);
  });

  router.openapi(show, async (c) => c.json(postView(await visiblePost(c.req.valid('param').postId)), 200));

  router.openapi(edit, async (c) => {
    const { postId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'post', postId, 'edit');
    const post = await updatePost(db, postId, c.req.valid('json'));
    if (!post) throw notFound('post', postId);
    return c.json(postView(post), 200);
  });

  router.openapi(remove, async (c) => {
    const { postId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'post', postId, 'delete');
    await deleteContent(db, 'post', postId);
    return c.body(null, 204);
  });

  router.openapi(listThread, async (c) => {
    const { postId } = c.req.valid('param');
    await visiblePost(postId);
    const page = c.req.valid('query');
    const { rows, total } = await listComments(db, { postId, visibility: 'visible' }, page);
    return c.json(pageOf(rows.map(commentView), page, total), 200);
  });

  router.openapi(comment, async (c) => {
    const { postId } = c.req.valid('param');
    await visiblePost(postId);
    const created = await insertComment(db, { postId, authorId: c.get('user').id, ...c.req.valid('json') });
    if (!created) throw notFound('post', postId);
    return c.json(commentView(created), 201);
  });

  return router;
}
