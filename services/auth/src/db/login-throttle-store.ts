import { withTransaction } from '@urr/common';
import { eq, lt, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import {
  claimDecision,
  type FailureCount,
  type LoginAttempt,
  loginThrottleRules,
  type ThrottleDecision,
  throttleKey,
} from '../domain/login-throttle.js';
import * as schema from './schema.js';

const { loginFailures } = schema;

class ClaimRefused extends Error {
  constructor(readonly decision: ThrottleDecision) {
    super('login attempt throttled');
  }
}

/** Failed sign-in counts in auth_db, shared by every auth-service replica (see domain/login-throttle). */
export function createLoginThrottle(db: NodePgDatabase<typeof schema>) {
  return {
    /**
     * Claims one failure under every key, before the password is checked: the row locks make concurrent
     * claims for one key take turns, and a refused claim is rolled back, so it counts for nothing.
     */
    claim: async (attempt: LoginAttempt, now = new Date()): Promise<ThrottleDecision> => {
      const at = sql`${now.toISOString()}::timestamptz`;
      try {
        await withTransaction(db, async (tx) => {
          const claimed: FailureCount[] = [];
          // Always in the rules' order, so two claims never wait on each other's rows in a cycle.
          for (const rule of loginThrottleRules) {
            const windowOver = sql`${loginFailures.windowStartedAt} <= ${at} - make_interval(secs => ${rule.windowSeconds})`;
            const [row] = await tx
              .insert(loginFailures)
              .values({ key: throttleKey(rule, attempt), failures: 1, windowStartedAt: now })
              .onConflictDoUpdate({
                target: loginFailures.key,
                set: {
                  failures: sql`case when ${windowOver} then 1 else ${loginFailures.failures} + 1 end`,
                  windowStartedAt: sql`case when ${windowOver} then ${at} else ${loginFailures.windowStartedAt} end`,
                },
              })
              .returning();
            if (row) claimed.push(row);
          }
          const decision = claimDecision(attempt, claimed, now);
          if (decision.blocked) throw new ClaimRefused(decision);
        });
        return { blocked: false };
      } catch (error) {
        if (error instanceof ClaimRefused) return error.decision;
        throw error;
      }
    },

    /**
     * A right password: its claim was no failure. Clears its client's count and gives back its unit of
     * the account-wide one (what a guesser elsewhere built stays).
     */
    release: async (attempt: LoginAttempt): Promise<void> => {
      await withTransaction(db, async (tx) => {
        for (const rule of loginThrottleRules) {
          const key = eq(loginFailures.key, throttleKey(rule, attempt));
          if (rule.name === 'account-from-client') await tx.delete(loginFailures).where(key);
          else
            await tx
              .update(loginFailures)
              .set({ failures: sql`greatest(${loginFailures.failures} - 1, 0)` })
              .where(key);
        }
      });
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/** Deletes the failure windows that started before `cutoff`. */
export async function deleteFailuresBefore(db: NodePgDatabase<typeof schema>, cutoff: Date): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.windowStartedAt, cutoff));
}
