import type { DbClient, UserRole } from '@urr/common';
import { eq, sql } from 'drizzle-orm';
import { users } from './schema.js';

export type User = typeof users.$inferSelect;

/** One address, one account: compared trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DbClient, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user;
}

export async function findUserById(db: DbClient, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** Inserts an account; a taken email fails with PostgreSQL's unique violation (23505). */
export async function insertUser(
  db: DbClient,
  values: { readonly email: string; readonly displayName: string; readonly passwordHash: string | null },
): Promise<User> {
  const [user] = await db.insert(users).values(values).returning();
  return user!;
}

/** Gives the account with `email` the role; its id, or undefined when there is no such account. */
export async function grantRole(
  db: DbClient,
  email: string,
  role: Exclude<UserRole, 'user'>,
): Promise<string | undefined> {
  const [promoted] = await db
    .update(users)
    .set({ role, updatedAt: new Date() })
    .where(eq(users.email, normaliseEmail(email)))
    .returning({ id: users.id });
  return promoted?.id;
}

/**
 * Records a sign-out everywhere at `at` (never moving an earlier-recorded later one back); locks the
 * account's row for the caller's transaction. False when there is no such account.
 */
export async function markSignedOutEverywhere(db: DbClient, userId: string, at: Date): Promise<boolean> {
  const [marked] = await db
    .update(users)
    .set({
      signedOutEverywhereAt: sql`greatest(${users.signedOutEverywhereAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return marked !== undefined;
}

/** The public view of an account. */
export function accountOf(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
  };
}
