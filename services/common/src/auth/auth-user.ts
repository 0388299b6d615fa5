import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { HttpProblem } from '../errors/http-problem.js';

/**
 * The signed-in user as the gateway tells the services: after verifying the JWT it sets these headers
 * (and strips any a client sent), so services trust them and never see the token.
 */
export const userHeaders = {
  id: 'x-user-id',
  email: 'x-user-email',
  role: 'x-user-role',
} as const;

/** `staff` checks tickets in at the doors (docs/adr/0039); `admin` runs the platform. */
export const userRoles = ['user', 'staff', 'admin'] as const;
export type UserRole = (typeof userRoles)[number];

export const authUserSchema = z.object({
  id: z.string().min(1).max(128),
  email: z.email(),
  role: z.enum(userRoles),
});

export type AuthUser = z.infer<typeof authUserSchema>;

/** The user the `X-User-*` headers describe, or undefined when they are absent or malformed. */
export function authUserFromHeaders(header: (name: string) => string | undefined): AuthUser | undefined {
  const parsed = authUserSchema.safeParse({
    id: header(userHeaders.id),
    email: header(userHeaders.email),
    role: header(userHeaders.role),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The headers the gateway sets for `user`. */
export function userHeadersOf(user: AuthUser): Record<string, string> {
  return { [userHeaders.id]: user.id, [userHeaders.email]: user.email, [userHeaders.role]: user.role };
}

export function isAdmin(user: AuthUser): boolean {
  return user.role === 'admin';
}

const notSignedIn = () =>
  new HttpProblem(401, {
    type: 'urn:urr:problem:unauthenticated',
    title: 'Unauthorized',
    detail: 'sign in first',
  });

/** Sets `c.get('user')` when the headers name a user; lets the request through either way (public routes). */
export function optionalUser(): MiddlewareHandler<{ Variables: { user: AuthUser | undefined } }> {
  return async (c, next) => {
    c.set(
      'user',
      authUserFromHeaders((name) => c.req.header(name)),
    );
    await next();
  };
}

/** 401 problem unless signed in; sets `c.get('user')`. */
export function requireUser(): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  return async (c, next) => {
    const user = authUserFromHeaders((name) => c.req.header(name));
    if (!user) throw notSignedIn();
    c.set('user', user);
    await next();
  };
}

function requireRole(
  allowed: (user: AuthUser) => boolean,
  detail: string,
): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  return async (c, next) => {
    const user = authUserFromHeaders((name) => c.req.header(name));
    if (!user) throw notSignedIn();
    if (!allowed(user))
      throw new HttpProblem(403, { type: 'urn:urr:problem:forbidden', title: 'Forbidden', detail });
    c.set('user', user);
    await next();
  };
}

/** 401 problem unless signed in, 403 problem unless an admin; sets `c.get('user')`. */
export function requireAdmin(): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  return requireRole(isAdmin, 'this needs an admin account');
}

/** Door staff, or an admin (who may stand in at a door). */
export function isStaff(user: AuthUser): boolean {
  return user.role === 'staff' || user.role === 'admin';
}

/** 401 problem unless signed in, 403 problem unless staff or an admin; sets `c.get('user')`. */
export function requireStaff(): MiddlewareHandler<{ Variables: { user: AuthUser } }> {
  return requireRole(isStaff, 'this needs a staff account');
}
