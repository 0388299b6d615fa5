/** The stored state of a presented refresh token, as far as rotation cares. */
export interface StoredRefreshToken {
  readonly expiresAt: Date;
  readonly rotatedAt: Date | null;
  readonly familyRevokedAt: Date | null;
  /** When the sign-in (the token's family) began. */
  readonly familyCreatedAt: Date;
  /** The account's last sign-out everywhere: every sign-in begun before it is over (docs/adr/0040). */
  readonly signedOutEverywhereAt: Date | null;
}

/**
 * What a refresh does with a presented token: rotate it, or refuse it. `reused` (the token was
 * already exchanged) also revokes its family: either the holder or a thief has the newer token, and
 * the server cannot tell which, so both sign in again.
 */
export type RefreshOutcome = 'rotate' | 'unknown' | 'revoked' | 'expired' | 'reused';

export function refreshOutcome(stored: StoredRefreshToken | undefined, now: Date): RefreshOutcome {
  if (!stored) return 'unknown';
  if (stored.familyRevokedAt) return 'revoked';
  if (stored.signedOutEverywhereAt && stored.familyCreatedAt < stored.signedOutEverywhereAt) return 'revoked';
  if (stored.rotatedAt) return 'reused';
  if (stored.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}
