import type { DbClient, MembershipTier } from '@urr/common';
import {
  insertMembership,
  lockMembership,
  type MembershipRow,
  setMembershipTierRow,
} from '../db/membership-store.js';
import { publishMembershipJoined, publishMembershipTierChanged } from './outbox-events.js';

export type SetTierResult =
  | { readonly outcome: 'joined'; readonly membership: MembershipRow }
  | {
      readonly outcome: 'tier-changed';
      readonly membership: MembershipRow;
      readonly fromTier: MembershipTier;
    }
  | { readonly outcome: 'unchanged'; readonly membership: MembershipRow };

/**
 * Makes the user a member of the artist's fan club at `tier` (joining when not yet a member), and
 * writes `membership.joined` or `membership.tier-changed` with it. `onlyJoin` leaves an existing
 * membership as it is (a user joining again keeps their tier).
 */
export async function setMembershipTier(
  tx: DbClient,
  input: { userId: string; artistId: string; tier: MembershipTier; now: Date; onlyJoin?: boolean },
): Promise<SetTierResult> {
  const inserted = await insertMembership(tx, {
    userId: input.userId,
    artistId: input.artistId,
    tier: input.tier,
    joinedAt: input.now,
  });
  if (inserted) {
    await publishMembershipJoined(tx, inserted);
    return { outcome: 'joined', membership: inserted };
  }
  const existing = await lockMembership(tx, input.userId, input.artistId);
  if (!existing) throw new Error('membership vanished inside its transaction');
  if (input.onlyJoin || existing.tier === input.tier) return { outcome: 'unchanged', membership: existing };
  const changed = await setMembershipTierRow(tx, existing.id, input.tier, input.now);
  await publishMembershipTierChanged(tx, changed, existing.tier);
  return { outcome: 'tier-changed', membership: changed, fromTier: existing.tier };
}
