import type { Context } from 'hono';
import type { AccessTokenSigner } from './access-token-signer.js';
import { type SessionCookieSettings, setSessionCookies } from './session-cookies.js';
import type { SessionStore } from './session-store.js';
import { accountOf, type User } from './user-store.js';

export interface SignInDeps {
  readonly signer: AccessTokenSigner;
  readonly sessions: SessionStore;
  readonly cookies: SessionCookieSettings;
}

/** Sets the session cookies for `user` and returns the session body every sign-in route answers with. */
export async function completeSignIn(c: Context, deps: SignInDeps, user: User, refreshToken: string) {
  const { token, expiresIn } = await deps.signer.sign({ id: user.id, email: user.email, role: user.role });
  setSessionCookies(c, deps.cookies, { accessToken: token, refreshToken });
  return { account: accountOf(user), accessToken: token, tokenType: 'Bearer' as const, expiresIn };
}
