import { describe, expect, it } from 'vitest';
import { requiresEntryToken } from './entry-token-routes.js';

describe('requiresEntryToken', () => {
  it('guards holding seats, creating reservations and paying', () => {
    expect(requiresEntryToken('POST', '/api/v1/seats/reserve')).toBe(true);
    expect(requiresEntryToken('POST', '/api/v1/reservations')).toBe(true);
    expect(requiresEntryToken('post', '/api/v1/payments/p1/confirm')).toBe(true);
  });

  it('leaves admin refunds and payment routes other than the fan’s confirmation alone', () => {
    expect(requiresEntryToken('POST', '/api/v1/payments/p1/refunds')).toBe(false);
    expect(requiresEntryToken('POST', '/api/v1/payments')).toBe(false);
  });

  it('lets reads and later changes to an existing reservation through', () => {
    expect(requiresEntryToken('GET', '/api/v1/reservations')).toBe(false);
    expect(requiresEntryToken('GET', '/api/v1/payments/p1')).toBe(false);
    expect(requiresEntryToken('POST', '/api/v1/reservations/r1/cancel')).toBe(false);
    expect(requiresEntryToken('GET', '/api/v1/events/e1/seats')).toBe(false);
    expect(requiresEntryToken('POST', '/api/v1/transfers')).toBe(false);
  });
});
