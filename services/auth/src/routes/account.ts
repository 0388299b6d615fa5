import {
  type AuthUser,
  createRoute,
  createRouter,
  HttpProblem,
  jsonBody,
  jsonResponse,
  problemResponses,
  requireUser,
  type ServiceEnv,
  signedIn,
  sqlStateOf,
} from '@urr/common';
import type { AuthContext } from '../context.js';
import { accountOf, findUserById, normaliseEmail } from '../db/user-store.js';
import { hashPassword } from '../domain/password.js';
import { registerAccount } from '../use-cases/register-account.js';
import { Account, RegisterBody, Session } from './schemas.js';
import { completeSignIn } from './sign-in.js';

const register = createRoute({
  method: 'post',
  path: '/register',
  summary: 'Create an account with email and password, and sign in',
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonResponse(Session, 'Account created and signed in; session cookies set'),
    ...problemResponses(400, 409),
  },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in account',
  middleware: [requireUser()] as const,
  security: signedIn,
  responses: { 200: jsonResponse(Account, 'The account'), ...problemResponses(401, 404) },
});

export function accountRoutes(deps: AuthContext) {
  const router = createRouter<ServiceEnv<{ user: AuthUser }>>();

  router.openapi(register, async (c) => {
    const body = c.req.valid('json');
    const email = normaliseEmail(body.email);
    const passwordHash = await hashPassword(body.password);
    const displayName = body.displayName ?? email.split('@')[0]!;
    try {
      const { user, refreshToken } = await registerAccount(deps, { email, displayName, passwordHash });
      c.get('logger').info({ userId: user.id }, 'account registered');
      return c.json(await completeSignIn(c, deps, user, refreshToken), 201);
    } catch (error) {
      if (sqlStateOf(error) === '23505')
        throw new HttpProblem(409, {
          type: 'urn:urr:problem:email-taken',
          title: 'Conflict',
          detail: 'an account with this email exists; sign in instead',
        });
      throw error;
    }
  });

  router.openapi(me, async (c) => {
    const user = await findUserById(deps.db.primary, c.get('user').id);
    if (!user) throw new HttpProblem(404, { title: 'Not Found', detail: 'this account no longer exists' });
    return c.json(accountOf(user), 200);
  });

  return router;
}
