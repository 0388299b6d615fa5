import { withTransaction } from '@urr/common';
import type { AuthContext } from '../context.js';
import { insertUser, type User } from '../db/user-store.js';

/**
 * Creates the account and starts its first session in one transaction. A taken email fails with
 * PostgreSQL's unique violation (23505) and nothing is written.
 */
export function registerAccount(
  context: Pick<AuthContext, 'db' | 'sessions'>,
  account: { readonly email: string; readonly displayName: string; readonly passwordHash: string },
): Promise<{ user: User; refreshToken: string }> {
  return withTransaction(context.db.primary, async (tx) => {
    const user = await insertUser(tx, account);
    return { user, refreshToken: await context.sessions.start(tx, user.id) };
  });
}
