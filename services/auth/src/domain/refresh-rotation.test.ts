import { describe, expect, it } from 'vitest';
import { refreshOutcome, type StoredRefreshToken } from './refresh-rotation.js';

const now = new Date('2025-01-01T12:00:00Z');
const later = new Date('2025-01-02T12:00:00Z');
const earlier = new Date('2025-01-01T11:00:00Z');

/** A token's stored state: live unless a test says otherwise. */
const stored = (state: Partial<StoredRefreshToken> = {}): StoredRefreshToken => ({
  expiresAt: later,
  rotatedAt: null,
  familyRevokedAt: null,
  familyCreatedAt: earlier,
  signedOutEverywhereAt: null,
  ...state,
});

describe('refreshOutcome', () => {
  it('rotates a live token once', () => {
    expect(refreshOutcome(stored(), now)).toBe('rotate');
  });
  it('treats a second use of a rotated token as reuse', () => {
    expect(refreshOutcome(stored({ rotatedAt: earlier }), now)).toBe('reused');
  });
  it('refuses tokens of a revoked family, expired tokens and unknown ones', () => {
    expect(refreshOutcome(stored({ familyRevokedAt: earlier }), now)).toBe('revoked');
    expect(refreshOutcome(stored({ expiresAt: earlier }), now)).toBe('expired');
    expect(refreshOutcome(undefined, now)).toBe('unknown');
  });
  it('refuses every sign-in begun before the account signed out everywhere, and only those', () => {
    const signedOut = new Date('2025-01-01T11:30:00Z');
    expect(refreshOutcome(stored({ signedOutEverywhereAt: signedOut }), now)).toBe('revoked');
    expect(
      refreshOutcome(stored({ familyCreatedAt: signedOut, signedOutEverywhereAt: signedOut }), now),
    ).toBe('rotate');
    expect(refreshOutcome(stored({ familyCreatedAt: now, signedOutEverywhereAt: signedOut }), now)).toBe(
      'rotate',
    );
  });
});
