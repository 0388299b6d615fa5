import {
  createRoute,
  createRouter,
  HttpProblem,
  jsonResponse,
  problemResponses,
  type ServiceEnv,
  userRoles,
  z,
} from '@urr/common';
import type { AuthContext } from '../context.js';
import { findUserById } from '../db/user-store.js';

const UserSummary = z
  .object({ id: z.uuid(), email: z.email(), displayName: z.string(), role: z.enum(userRoles) })
  .openapi('InternalUser');

const getUser = createRoute({
  method: 'get',
  path: '/users/{id}',
  summary: 'An account by id, for other services (e.g. catalog’s organiser info); needs x-internal-token',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: jsonResponse(UserSummary, 'The account'), ...problemResponses(400, 401, 404) },
});

export function internalUserRoutes(deps: AuthContext) {
  const router = createRouter<ServiceEnv>();
  router.openapi(getUser, async (c) => {
    const user = await findUserById(deps.db.replica, c.req.valid('param').id);
    if (!user) throw new HttpProblem(404, { title: 'Not Found', detail: 'no account with this id' });
    return c.json({ id: user.id, email: user.email, displayName: user.displayName, role: user.role }, 200);
  });
  return router;
}
