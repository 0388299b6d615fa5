import { describe, expect, it } from 'vitest';
import { appRoutes, fillRoute } from './app-routes';

describe("the app's page routes, for the walks over every page", () => {
  it('lists every page from the source tree, dynamic segments as written', async () => {
    const routes = await appRoutes();
    expect(routes).toContain('/');
    expect(routes).toContain('/events/[id]/booking');
    expect(routes).toContain('/queue/[eventId]');
    expect(routes.every((route) => route.startsWith('/') && !route.endsWith('/page.tsx'))).toBe(true);
  });

  it('fills segments from the longest matching prefix, else the fallback', () => {
    const values = {
      byPrefix: { '/events': { id: 'e-1' }, '/admin/events': { id: 'a-1' } },
      fallback: 'none',
    };
    expect(fillRoute('/events/[id]/booking', values)).toBe('/events/e-1/booking');
    expect(fillRoute('/admin/events/[id]/seat-map', values)).toBe('/admin/events/a-1/seat-map');
    expect(fillRoute('/reservations/[id]/payment', values)).toBe('/reservations/none/payment');
    expect(fillRoute('/docs/[...slug]', values)).toBe('/docs/none');
    expect(fillRoute('/login', values)).toBe('/login');
  });
});
