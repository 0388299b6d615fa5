import { describe, expect, it } from 'vitest';
import { createServiceApp } from '../http/create-service-app.js';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import {
  type AuthUser,
  authUserFromHeaders,
  optionalUser,
  requireAdmin,
  requireStaff,
  requireUser,
  userHeadersOf,
} from './auth-user.js';

const fan: AuthUser = { id: 'u-1', email: 'fan@example.com', role: 'user' };
const organiser: AuthUser = { id: 'u-2', email: 'admin@example.com', role: 'admin' };
const doorStaff: AuthUser = { id: 'u-3', email: 'door@example.com', role: 'staff' };

function buildApp() {
  const app = createServiceApp<{ user: AuthUser }>({
    name: 'ticket-service',
    logger: captureLogs().logger,
    defaultMetrics: false,
  });
  app.get('/me', requireUser(), (c) => c.json(c.get('user')));
  app.get('/admin/events', requireAdmin(), (c) => c.json({ by: c.get('user').id }));
  app.post('/check-ins', requireStaff(), (c) => c.json({ by: c.get('user').id }));
  app.get('/events', optionalUser(), (c) => c.json({ signedIn: c.get('user') !== undefined }));
  return app;
}

describe('AuthUser from X-User-* headers', () => {
  it('reads the user the gateway set, and nothing from missing or malformed headers', () => {
    const headers = userHeadersOf(fan);
    expect(headers).toEqual({ 'x-user-id': 'u-1', 'x-user-email': 'fan@example.com', 'x-user-role': 'user' });
    expect(authUserFromHeaders((name) => headers[name])).toEqual(fan);
    expect(authUserFromHeaders(() => undefined)).toBeUndefined();
    expect(authUserFromHeaders((name) => ({ ...headers, 'x-user-role': 'superuser' })[name])).toBeUndefined();
  });

  it('requireUser answers 401 problem JSON without a user and passes the typed user on', async () => {
    const app = buildApp();
    const anonymous = await app.request('/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const signedIn = await app.request('/me', { headers: userHeadersOf(fan) });
    expect(await readJson(signedIn)).toEqual(fan);
  });

  it('requireAdmin answers 401 to nobody, 403 to a fan and lets an admin in', async () => {
    const app = buildApp();
    expect((await app.request('/admin/events')).status).toBe(401);
    const forbidden = await app.request('/admin/events', { headers: userHeadersOf(fan) });
    expect(forbidden.status).toBe(403);
    expect(await readJson(forbidden)).toMatchObject({ title: 'Forbidden', status: 403 });
    const allowed = await app.request('/admin/events', { headers: userHeadersOf(organiser) });
    expect(await readJson(allowed)).toEqual({ by: 'u-2' });
  });

  it('requireStaff lets staff and admins in, answers 403 to a fan; staff are no admins', async () => {
    const app = buildApp();
    const post = (user?: AuthUser) =>
      app.request('/check-ins', { method: 'POST', headers: user ? userHeadersOf(user) : {} });
    expect((await post()).status).toBe(401);
    const forbidden = await post(fan);
    expect(forbidden.status).toBe(403);
    expect(await readJson(forbidden)).toMatchObject({ detail: 'this needs a staff account' });
    expect(await readJson(await post(doorStaff))).toEqual({ by: 'u-3' });
    expect(await readJson(await post(organiser))).toEqual({ by: 'u-2' });
    expect((await app.request('/admin/events', { headers: userHeadersOf(doorStaff) })).status).toBe(403);
  });

  it('optionalUser lets anonymous requests through', async () => {
    const app = buildApp();
    expect(await readJson(await app.request('/events'))).toEqual({ signedIn: false });
    expect(await readJson(await app.request('/events', { headers: userHeadersOf(fan) }))).toEqual({
      signedIn: true,
    });
  });
});
