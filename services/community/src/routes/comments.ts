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
import type { CommunityContext } from '../context.js';
import { deleteContent, updateComment } from '../db/community-store.js';
import { assertAuthorOf, notFound } from './guards.js';
import { Comment, commentBody, commentView } from './views.js';

const commentParams = z.object({ commentId: z.uuid() });

const edit = createRoute({
  method: 'patch',
  path: '/comments/{commentId}',
  summary: 'Edit your comment',
  middleware: requireUser(),
  request: { params: commentParams, body: jsonBody(z.object({ body: commentBody })) },
  responses: { 200: jsonResponse(Comment, 'Edited'), ...problemResponses(400, 401, 403, 404) },
});

const remove = createRoute({
  method: 'delete',
  path: '/comments/{commentId}',
  summary: 'Delete your comment',
  middleware: requireUser(),
  request: { params: commentParams },
  responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404) },
});

export function commentRoutes(deps: CommunityContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();
  const db = deps.db.primary;

  router.openapi(edit, async (c) => {
    const { commentId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'comment', commentId, 'edit');
    const edited = await updateComment(db, commentId, c.req.valid('json').body);
    if (!edited) throw notFound('comment', commentId);
    return c.json(commentView(edited), 200);
  });

  router.openapi(remove, async (c) => {
    const { commentId } = c.req.valid('param');
    await assertAuthorOf(db, c.get('user'), 'comment', commentId, 'delete');
    await deleteContent(db, 'comment', commentId);
    return c.body(null, 204);
  });

  return router;
}
