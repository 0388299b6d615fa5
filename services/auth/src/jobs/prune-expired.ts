import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { deleteFailuresBefore } from '../db/login-throttle-store.js';
import { deleteExpiredLoginAttempts } from '../db/oidc-login-attempt-store.js';
import type * as schema from '../db/schema.js';
import { deleteExpiredSessions } from '../db/session-store.js';
import { loginThrottleRules } from '../domain/login-throttle.js';

/**
 * Deletes what can no longer matter: sign-ins whose every token expired, finished throttle windows and
 * abandoned OIDC sign-ins.
 */
export async function pruneExpired(db: NodePgDatabase<typeof schema>, now = new Date()) {
  const longestWindowSeconds = Math.max(...loginThrottleRules.map((rule) => rule.windowSeconds));
  const families = await deleteExpiredSessions(db, now);
  await deleteFailuresBefore(db, new Date(now.getTime() - longestWindowSeconds * 1000));
  await deleteExpiredLoginAttempts(db, now);
  return { families };
}
