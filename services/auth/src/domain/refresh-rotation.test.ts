import { describe, expect, it } from 'vitest';
import { refreshOutcome } from './refresh-rotation.js';

const now = new Date('2025-01-01T12:00:00Z');
const later = new Date('2025-01-02T12:00:00Z');
const earlier = new Date('2025-01-01T11:00:00Z');

describe('refreshOutcome', () => {
  it('rotates a live token once', () => {
    expect(refreshOutcome({ expiresAt: later, rotatedAt: null, familyRevokedAt: null }, now)).toBe('rotate');
  });
  it('treats a second use of a rotated token as reuse', () => {
    expect(refreshOutcome({ expiresAt: later, rotatedAt: earlier, familyRevokedAt: null }, now)).toBe(
      'reused',
    );
  });
  it('refuses tokens of a revoked family, expired tokens and unknown ones', () => {
    expect(refreshOutcome({ expiresAt: later, rotatedAt: null, familyRevokedAt: earlier }, now)).toBe(
      'revoked',
    );
    expect(refreshOutcome({ expiresAt: earlier, rotatedAt: null, familyRevokedAt: null }, now)).toBe(
      'expired',
    );
    expect(refreshOutcome(undefined, now)).toBe('unknown');
  });
});
