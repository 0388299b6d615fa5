/**
 * auth-service sets this readable cookie beside the HttpOnly session cookies and clears it with them
 * (`sessionHintCookieName` in services/common's auth/access-token.ts). Without it there is no session to
 * ask about, so a signed-out page makes no `/auth/me` call that can only answer 401.
 */
export const sessionHintCookieName = 'urr-signed-in';

/** Whether a `document.cookie` string carries the hint. */
export function hasSessionHint(cookieHeader: string): boolean {
  return cookieHeader.split(';').some((pair) => pair.trim().startsWith(`${sessionHintCookieName}=`));
}
