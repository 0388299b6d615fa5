import { describe, expect, it } from 'vitest';
import { rateLimitCategoryOf, rateLimitKey } from './rate-limit-rules.js';
import { canonicalPath } from './route-table.js';

describe('rateLimitCategoryOf', () => {
  it.each([
    ['/api/auth/login', 'AUTH'],
    ['/api/v1/auth/refresh', 'AUTH'],
    ['/api/queue/e1/status', 'QUEUE'],
    ['/api/v1/queue/e1/enter', 'QUEUE'],
    ['/api/v1/seats/reserve', 'BOOKING'],
    ['/api/v1/reservations', 'BOOKING'],
    ['/api/reservations/r1/cancel', 'BOOKING'],
    ['/api/v1/reservations/r1/cancel', 'BOOKING'],
    ['/api/v1/reservations/r1', 'GENERAL'],
    ['/api/v1/events', 'GENERAL'],
    ['/api/v1/authx', 'GENERAL'],
  ])('%s → %s', (path, category) => {
    expect(rateLimitCategoryOf(canonicalPath(path))).toBe(category);
  });

  it('keys counters as the architecture does', () => {
    expect(rateLimitKey('AUTH', '203.0.113.9')).toBe('rate:AUTH:203.0.113.9');
  });
});
