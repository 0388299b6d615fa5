import { revokedBeforeSecondOf } from '@urr/common/auth/pass-revocation';
import type { PassRevocationStore } from '../db/pass-revocation-store.js';
import type { Tier2Queue } from '../db/tier2-queue-store.js';

export interface PassRevocation {
  readonly userId: string;
  /** Passes of the account issued before this instant (a whole second) are void. */
  readonly revokedBefore: Date;
}

export interface PassRevoker {
  /** Voids every waiting-room and entry pass `userId` was issued before `at` (docs/adr/0040). */
  revoke(userId: string, at: Date): Promise<PassRevocation>;
}

/**
 * Records the revocation (Redis for Tier 2, DynamoDB for Tier 1), then ends the account's Tier-2 places
 * in every event that may hold one: an entry pass lives only while its slot does (docs/adr/0009), so the
 * gateway refuses the old pass at once. Running it again is harmless, so a caller may retry.
 */
export function createPassRevoker(options: {
  readonly store: PassRevocationStore;
  readonly queue: Pick<Tier2Queue, 'leave'>;
  /** The events whose Tier-2 lines may hold the account (the operator's `queue:active-events`). */
  readonly events: () => Promise<readonly string[]>;
}): PassRevoker {
  return {
    async revoke(userId, at) {
      const revokedBefore = revokedBeforeSecondOf(at);
      await options.store.record(userId, revokedBefore);
      for (const eventId of await options.events()) await options.queue.leave(eventId, userId);
      return { userId, revokedBefore: new Date(revokedBefore * 1000) };
    },
  };
}
