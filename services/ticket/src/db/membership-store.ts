import type { DbClient, MembershipTier } from '@urr/common';
import { and, asc, count, eq } from 'drizzle-orm';
import { memberships } from './schema.js';

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

/** Inserts the membership; undefined when the user is a member of the artist's fan club already. */
export async function insertMembership(
  tx: DbClient,
  membership: { userId: string; artistId: string; tier: MembershipTier; joinedAt: Date },
): Promise<MembershipRow | undefined> {
  const [inserted] = await tx.insert(memberships).values(membership).onConflictDoNothing().returning();
  return inserted;
}

/** The user's membership of the artist's fan club, row-locked until the transaction ends. */
export async function lockMembership(
  tx: DbClient,
  userId: string,
  artistId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.artistId, artistId)))
    .for('update');
  return row;
}

export async function setMembershipTierRow(
  tx: DbClient,
  id: string,
  tier: MembershipTier,
  now: Date,
): Promise<MembershipRow> {
  const [row] = await tx
    .update(memberships)
    .set({ tier, updatedAt: now })
    .where(eq(memberships.id, id))
    .returning();
  if (!row) throw new Error('membership vanished inside its transaction');
  return row;
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
