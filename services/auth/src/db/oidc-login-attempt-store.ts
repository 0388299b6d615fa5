import type { DbClient } from '@urr/common';
import { and, eq, gt, lt } from 'drizzle-orm';
import { oidcLoginAttempts } from './schema.js';

export type OidcLoginAttempt = typeof oidcLoginAttempts.$inferSelect;

export async function saveLoginAttempt(db: DbClient, attempt: OidcLoginAttempt): Promise<void> {
  await db.insert(oidcLoginAttempts).values(attempt);
}

/** Removes and returns the unexpired attempt with this state hash: a state is redeemed once. */
export async function takeLoginAttempt(
  db: DbClient,
  stateHash: string,
  now: Date,
): Promise<OidcLoginAttempt | undefined> {
  const [attempt] = await db
    .delete(oidcLoginAttempts)
    .where(and(eq(oidcLoginAttempts.stateHash, stateHash), gt(oidcLoginAttempts.expiresAt, now)))
    .returning();
  return attempt;
}

/** Deletes the sign-ins abandoned before `now`. */
export async function deleteExpiredLoginAttempts(db: DbClient, now: Date): Promise<void> {
  await db.delete(oidcLoginAttempts).where(lt(oidcLoginAttempts.expiresAt, now));
}
