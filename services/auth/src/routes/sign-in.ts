import type { Context } from 'hono';
import type { AuthContext } from '../context.js';
import { accountOf, type User } from '../db/user-store.js';
import { setSessionCookies } from './session-cookies.js';

export type SignInDeps = Pick<AuthContext, 'signer' | 'cookies'>;

/** Sets the session cookies for `user` and returns the session body every sign-in route answers with. */
export async function completeSignIn(c: Context, deps: SignInDeps, user: User, refreshToken: string) {
  const { token, expiresIn } = await deps.signer.sign({ id: user.id, email: user.email, role: user.role });
  setSessionCookies(c, deps.cookies, { accessToken: token, refreshToken });
  return { account: accountOf(user), accessToken: token, tokenType: 'Bearer' as const, expiresIn };
}
