import type { DbClient } from '@urr/common';
import { and, eq } from 'drizzle-orm';
import { userIdentities } from './schema.js';

/** The account an OpenID provider's subject is linked to, if any. */
export async function findLinkedUserId(
  db: DbClient,
  provider: string,
  subject: string,
): Promise<string | undefined> {
  const [identity] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.provider, provider), eq(userIdentities.subject, subject)));
  return identity?.userId;
}

export async function linkIdentity(
  db: DbClient,
  identity: {
    readonly userId: string;
    readonly provider: string;
    readonly subject: string;
    readonly email: string;
  },
): Promise<void> {
  await db.insert(userIdentities).values(identity);
}
