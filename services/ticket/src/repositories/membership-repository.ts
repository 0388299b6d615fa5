import { type DbClient, enqueueOutbox, type MembershipTier, topics } from '@urr/common';
import { and, asc, count, eq } from 'drizzle-orm';
import { memberships } from '../db/schema.js';

export type MembershipRow = typeof memberships.$inferSelect;

/** The user's tier in the artist's fan club, or undefined when not a member. */
export async function tierOf(
  db: DbClient,
  userId: string,
  artistId: string,
): Promise<MembershipTier | undefined> {
  const [row] = await db
    .select({ tier: memberships.tier })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.artistId, artistId)));
  return row?.tier;
}

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
  const [inserted] = await tx
    .insert(memberships)
    .values({ userId: input.userId, artistId: input.artistId, tier: input.tier, joinedAt: input.now })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await enqueueOutbox(tx, {
      topic: topics.membership,
      key: input.userId,
      type: 'membership.joined',
      payload: { membershipId: inserted.id, userId: inserted.userId, tier: inserted.tier },
    });
    return { outcome: 'joined', membership: inserted };
  }
  const [existing] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, input.userId), eq(memberships.artistId, input.artistId)))
    .for('update');
  if (!existing) throw new Error('membership vanished inside its transaction');
  if (input.onlyJoin || existing.tier === input.tier) return { outcome: 'unchanged', membership: existing };
  const [changed] = await tx
    .update(memberships)
    .set({ tier: input.tier, updatedAt: input.now })
    .where(eq(memberships.id, existing.id))
    .returning();
  if (!changed) throw new Error('membership vanished inside its transaction');
  await enqueueOutbox(tx, {
    topic: topics.membership,
    key: input.userId,
    type: 'membership.tier-changed',
    payload: {
      membershipId: changed.id,
      userId: changed.userId,
      fromTier: existing.tier,
      tier: changed.tier,
    },
  });
  return { outcome: 'tier-changed', membership: changed, fromTier: existing.tier };
}

export async function membershipsOf(
  db: DbClient,
  filter: { readonly userId?: string | undefined; readonly artistId?: string | undefined },
  page: { readonly limit: number; readonly offset: number },
) {
  const where = and(
    filter.userId ? eq(memberships.userId, filter.userId) : undefined,
    filter.artistId ? eq(memberships.artistId, filter.artistId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(memberships)
      .where(where)
      .orderBy(asc(memberships.joinedAt), asc(memberships.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(memberships).where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}
