import { describe, expect, it } from 'vitest';
import { normalizePath, protectionOf } from './edge-rules.js';

describe('edge rules', () => {
  it.each([
    ['/api/v1/events/1/seats', 'exempt'],
    ['/api/v1/auth/login', 'exempt'],
    ['/api/auth/login', 'exempt'],
    // A fan whose passes are revoked can still sign out everywhere; an admin revokes without a pass.
    ['/api/v1/auth/logout-everywhere', 'exempt'],
    ['/api/v1/queue/admin/accounts/u1/pass-revocations', 'exempt'],
    ['/api/v1/queue/e1/enter', 'tier1'],
    ['/api/v1/queue/e1/status', 'exempt'],
    ['/api/v1/stats/sales', 'exempt'],
    ['/api/v1/seats/reserve', 'tier2'],
    ['/api/v1/reservations', 'tier2'],
    ['/api/reservations/9/cancel', 'tier2'],
    ['/api/v1/payments/intents', 'tier2'],
    ['/api/v1/community/posts', 'tier1'],
    ['/api/v1/eventsfoo', 'tier1'],
  ] as const)('%s needs %s', (path, protection) => {
    expect(protectionOf(path)).toBe(protection);
  });

  it.each([
    ['/api/v1/events/../seats/reserve', '/api/v1/seats/reserve'],
    ['/api/v1/events/%2e%2e/seats/reserve', '/api/v1/seats/reserve'],
    ['//api//v1/events/1', '/api/v1/events/1'],
  ])('normalizes %s to %s before judging it', (uri, path) => {
    expect(normalizePath(uri)).toBe(path);
  });
});
