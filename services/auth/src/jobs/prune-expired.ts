import { and, gt, lt, notExists, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from '../db/schema.js';
import { loginThrottleRules } from '../domain/login-throttle.js';

const { loginFailures, oidcLoginAttempts, refreshTokenFamilies, refreshTokens } = schema;

/**
 * Deletes what can no longer matter: sign-ins whose every token expired (a family with one live token
 * stays whole, so an old rotated token presented again still revokes it), finished throttle windows and
 * abandoned OIDC sign-ins.
 */
export async function pruneExpired(db: NodePgDatabase<typeof schema>, now = new Date()) {
  const longestWindowSeconds = Math.max(...loginThrottleRules.map((rule) => rule.windowSeconds));
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
  await db
    .delete(loginFailures)
    .where(lt(loginFailures.windowStartedAt, new Date(now.getTime() - longestWindowSeconds * 1000)));
  await db.delete(oidcLoginAttempts).where(lt(oidcLoginAttempts.expiresAt, now));
  return { families: families.length };
}
