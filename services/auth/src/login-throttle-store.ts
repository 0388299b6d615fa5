import { eq, inArray, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './db/schema.js';
import {
  type FailureCount,
  type LoginAttempt,
  loginThrottleRules,
  type ThrottleDecision,
  throttleDecision,
  throttleKey,
} from './domain/login-throttle.js';

const { loginFailures } = schema;

/** Failed sign-in counts in auth_db, shared by every auth-service replica. */
export function createLoginThrottle(db: NodePgDatabase<typeof schema>) {
  return {
    check: async (attempt: LoginAttempt, now = new Date()): Promise<ThrottleDecision> => {
      const keys = loginThrottleRules.map((rule) => throttleKey(rule, attempt));
      const counts: FailureCount[] = await db
        .select()
        .from(loginFailures)
        .where(inArray(loginFailures.key, keys));
      return throttleDecision(attempt, counts, now);
    },

    /** Counts one failure under every key; a key whose window has passed starts a new window. */
    recordFailure: async (attempt: LoginAttempt, now = new Date()): Promise<void> => {
      const at = sql`${now.toISOString()}::timestamptz`;
      for (const rule of loginThrottleRules) {
        const windowOver = sql`${loginFailures.windowStartedAt} <= ${at} - make_interval(secs => ${rule.windowSeconds})`;
        await db
          .insert(loginFailures)
          .values({ key: throttleKey(rule, attempt), failures: 1, windowStartedAt: now })
          .onConflictDoUpdate({
            target: loginFailures.key,
            set: {
              failures: sql`case when ${windowOver} then 1 else ${loginFailures.failures} + 1 end`,
              windowStartedAt: sql`case when ${windowOver} then ${at} else ${loginFailures.windowStartedAt} end`,
            },
          });
      }
    },

    /** A successful sign-in clears its client's count (not the account-wide one a guesser elsewhere builds). */
    recordSuccess: async (attempt: LoginAttempt): Promise<void> => {
      const rule = loginThrottleRules.find((candidate) => candidate.name === 'account-from-client')!;
      await db.delete(loginFailures).where(eq(loginFailures.key, throttleKey(rule, attempt)));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
