import {
  accessTokenCookieName,
  refreshTokenCookieName,
  sessionHintCookieName,
} from '@urr/common/auth/access-token';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionCookieSettings } from '../context.js';

/** The refresh cookie goes only to auth routes (the `/api/v1/` form), never to other services. */
export const refreshCookiePath = '/api/v1/auth';

export function setSessionCookies(
  c: Context,
  settings: SessionCookieSettings,
  tokens: { readonly accessToken: string; readonly refreshToken: string },
): void {
  // Lax: sent on top-level navigation to the site (a shared event link) but not on cross-site POSTs.
  setCookie(c, accessTokenCookieName, tokens.accessToken, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: settings.accessTtlSeconds,
  });
  setCookie(c, refreshTokenCookieName, tokens.refreshToken, {
    httpOnly: true,
    secure: settings.secure,
    sameSite: 'Strict',
    path: refreshCookiePath,
    maxAge: settings.refreshTtlSeconds,
  });
  setCookie(c, sessionHintCookieName, '1', {
    secure: settings.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: settings.refreshTtlSeconds,
  });
}

export function clearSessionCookies(c: Context, settings: Pick<SessionCookieSettings, 'secure'>): void {
  deleteCookie(c, accessTokenCookieName, {
    path: '/',
    secure: settings.secure,
    httpOnly: true,
    sameSite: 'Lax',
  });
  deleteCookie(c, refreshTokenCookieName, {
    path: refreshCookiePath,
    secure: settings.secure,
    httpOnly: true,
    sameSite: 'Strict',
  });
  deleteCookie(c, sessionHintCookieName, { path: '/', secure: settings.secure, sameSite: 'Lax' });
}

export function refreshTokenOf(c: Context): string | undefined {
  return getCookie(c, refreshTokenCookieName);
}
