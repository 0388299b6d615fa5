import type { DbClient } from '@urr/common';
import { withTransaction } from '@urr/common';
import { and, eq, gt, isNull, notExists, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { refreshOutcome } from '../domain/refresh-rotation.js';
import { looksLikeRefreshToken, newRefreshToken, refreshTokenHash } from '../domain/refresh-token.js';
import * as schema from './schema.js';
import type { User } from './user-store.js';

const { refreshTokenFamilies, refreshTokens, users } = schema;

export interface SessionStoreOptions {
  readonly db: NodePgDatabase<typeof schema>;
  readonly pepper: string;
  readonly refreshTtlSeconds: number;
}

export type RotateResult =
  | { readonly outcome: 'rotate'; readonly refreshToken: string; readonly user: User }
  | { readonly outcome: 'unknown' | 'revoked' | 'expired' | 'reused' };

/**
 * Refresh-token families in auth_db: start one per sign-in, rotate on refresh, revoke on logout, reuse or
 * sign-out everywhere.
 */
export function createSessionStore(options: SessionStoreOptions) {
  const { db, pepper } = options;
  const expiry = (now: Date) => new Date(now.getTime() + options.refreshTtlSeconds * 1000);

  async function issue(tx: DbClient, familyId: string, now: Date): Promise<string> {
    const token = newRefreshToken();
    await tx.insert(refreshTokens).values({
      familyId,
      tokenHash: refreshTokenHash(token, pepper),
      issuedAt: now,
      expiresAt: expiry(now),
    });
    return token;
  }

  return {
    /** A new family with its first token; runs in the caller's transaction (with the account it signs in). */
    start: async (tx: DbClient, userId: string, now = new Date()): Promise<string> => {
      const [family] = await tx
        .insert(refreshTokenFamilies)
        .values({ userId, createdAt: now })
        .returning({ id: refreshTokenFamilies.id });
      return issue(tx, family!.id, now);
    },

    /** Exchanges a token for its successor; a reused token revokes its family (committed, then refused). */
    rotate: async (token: string | undefined, now = new Date()): Promise<RotateResult> => {
      if (!looksLikeRefreshToken(token)) return { outcome: 'unknown' };
      return withTransaction(db, async (tx) => {
        const [stored] = await tx
          .select({
            id: refreshTokens.id,
            familyId: refreshTokens.familyId,
            expiresAt: refreshTokens.expiresAt,
            rotatedAt: refreshTokens.rotatedAt,
            familyRevokedAt: refreshTokenFamilies.revokedAt,
            familyCreatedAt: refreshTokenFamilies.createdAt,
            signedOutEverywhereAt: users.signedOutEverywhereAt,
            user: users,
          })
          .from(refreshTokens)
          .innerJoin(refreshTokenFamilies, eq(refreshTokenFamilies.id, refreshTokens.familyId))
          .innerJoin(users, eq(users.id, refreshTokenFamilies.userId))
          // Two refreshes racing with one token: the second waits here and then sees it rotated.
          .where(eq(refreshTokens.tokenHash, refreshTokenHash(token, pepper)))
          .for('update', { of: refreshTokens });
        const outcome = refreshOutcome(stored, now);
        if (outcome === 'reused')
          await tx
            .update(refreshTokenFamilies)
            .set({ revokedAt: now, revokedReason: 'reuse' })
            .where(
              and(eq(refreshTokenFamilies.id, stored!.familyId), isNull(refreshTokenFamilies.revokedAt)),
            );
        if (outcome !== 'rotate') return { outcome };
        await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, stored!.id));
        return { outcome, refreshToken: await issue(tx, stored!.familyId, now), user: stored!.user };
      });
    },

    /**
     * Ends every sign-in of the account (sign-out everywhere), in the caller's transaction; answers how
     * many were still live.
     */
    revokeAll: async (tx: DbClient, userId: string, now: Date): Promise<number> => {
      const revoked = await tx
        .update(refreshTokenFamilies)
        .set({ revokedAt: now, revokedReason: 'sign-out-everywhere' })
        .where(and(eq(refreshTokenFamilies.userId, userId), isNull(refreshTokenFamilies.revokedAt)))
        .returning({ id: refreshTokenFamilies.id });
      return revoked.length;
    },

    /** Ends the sign-in the token belongs to (every token of its family). Unknown tokens are ignored. */
    revoke: async (token: string | undefined, now = new Date()): Promise<void> => {
      if (!looksLikeRefreshToken(token)) return;
      const [stored] = await db
        .select({ familyId: refreshTokens.familyId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, refreshTokenHash(token, pepper)));
      if (!stored) return;
      await db
        .update(refreshTokenFamilies)
        .set({ revokedAt: now, revokedReason: 'logout' })
        .where(and(eq(refreshTokenFamilies.id, stored.familyId), isNull(refreshTokenFamilies.revokedAt)));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * Deletes the sign-ins whose every token expired (a family with one live token stays whole, so an old
 * rotated token presented again still revokes it); answers how many.
 */
export async function deleteExpiredSessions(db: NodePgDatabase<typeof schema>, now: Date): Promise<number> {
  const families = await db
    .delete(refreshTokenFamilies)
    .where(
      notExists(
        db
          .select({ one: sql`1` })
          .from(refreshTokens)
          .where(
            and(
              sql`${refreshTokens.familyId} = ${refreshTokenFamilies.id}`,
              gt(refreshTokens.expiresAt, now),
            ),
          ),
      ),
    )
    .returning({ id: refreshTokenFamilies.id });
  return families.length;
}
