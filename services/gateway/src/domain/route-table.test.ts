import { describe, expect, it } from 'vitest';
import { canonicalPath, serviceFor } from './route-table.js';

describe('canonicalPath', () => {
  it('rewrites the short aliases to the /api/v1/ form and leaves everything else alone', () => {
    expect(canonicalPath('/api/auth/login')).toBe('/api/v1/auth/login');
    expect(canonicalPath('/api/queue/abc/status')).toBe('/api/v1/queue/abc/status');
    expect(canonicalPath('/api/reservations/r1/cancel')).toBe('/api/v1/reservations/r1/cancel');
    expect(canonicalPath('/api/authority')).toBe('/api/authority');
    expect(canonicalPath('/api/v1/events')).toBe('/api/v1/events');
  });
});

describe('serviceFor', () => {
  it.each([
    ['/api/v1/auth/login', 'auth'],
    ['/api/v1/queue/e1/enter', 'queue'],
    ['/api/v1/stats/events/e1', 'stats'],
    ['/api/v1/admin/stats/overview', 'stats'],
    ['/api/v1/payments', 'payment'],
    ['/api/v1/payments/p1/refunds', 'payment'],
    ['/api/v1/community/posts', 'community'],
    ['/api/v1/admin/community/posts/p1', 'community'],
    ['/api/v1/events/e1/seats', 'ticket'],
    ['/api/v1/events/e1/ticket-types', 'ticket'],
    ['/api/v1/events/e1/performances', 'ticket'],
    ['/api/v1/events/e1/waiting-list', 'ticket'],
    ['/api/v1/waiting-list', 'ticket'],
    ['/api/v1/seats/reserve', 'ticket'],
    ['/api/v1/reservations', 'ticket'],
    ['/api/v1/reservations/r1/cancel', 'ticket'],
    ['/api/v1/transfers/t1/accept', 'ticket'],
    ['/api/v1/memberships', 'ticket'],
    ['/api/v1/tickets/check-ins', 'ticket'],
    ['/api/v1/tickets/.well-known/jwks.json', 'ticket'],
    ['/api/v1/admin/events', 'ticket'],
    ['/api/v1/admin/venues/v1', 'ticket'],
    ['/api/v1/admin/ticket-types/t1', 'ticket'],
    ['/api/v1/events', 'catalog'],
    ['/api/v1/events/e1', 'catalog'],
    ['/api/v1/artists/a1', 'catalog'],
  ])('%s → %s', (path, service) => {
    expect(serviceFor(path)).toBe(service);
  });

  it('routes a path whose id holds a line break like any other id (the service then refuses the id)', () => {
    expect(serviceFor('/api/v1/queue/a\nb/status')).toBe('queue');
    expect(serviceFor('/api/v1/events/a\nb/seats')).toBe('ticket');
    expect(serviceFor('/api/v1/community/posts/a\r\nb')).toBe('community');
  });

  it('routes nothing else, internal routes least of all', () => {
    for (const path of [
      '/internal/users/u1',
      '/api/v1/admin/users',
      '/api/v1/eventsx',
      '/api/v2/events',
      '/health',
    ])
      expect(serviceFor(path)).toBeUndefined();
  });
});
