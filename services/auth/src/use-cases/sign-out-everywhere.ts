import { HttpProblem, InternalCallError, withTransaction } from '@urr/common';
import type { AuthContext } from '../context.js';
import { markSignedOutEverywhere } from '../db/user-store.js';

export interface SignOutEverywhereResult {
  /** Sign-ins that were still live and are now over. */
  readonly sessionsEnded: number;
  /** Every session and pass of the account issued before this instant is void. */
  readonly signedOutAt: Date;
}

/**
 * Ends every sign-in of the account and has queue-service void its passes, all or nothing: the account
 * row, its refresh-token families and the pass revocation commit together or not at all (the pass
 * revocation, idempotent, is asked for inside the transaction, which rolls back when it fails).
 * Refreshes racing it are refused either way: a sign-in begun before `signedOutAt` cannot refresh.
 */
export function signOutEverywhere(
  context: Pick<AuthContext, 'db' | 'sessions' | 'passes'>,
  userId: string,
  requestId?: string,
): Promise<SignOutEverywhereResult> {
  const signedOutAt = new Date();
  return withTransaction(context.db.primary, async (tx) => {
    if (!(await markSignedOutEverywhere(tx, userId, signedOutAt)))
      throw new HttpProblem(404, { title: 'Not Found', detail: 'this account no longer exists' });
    const sessionsEnded = await context.sessions.revokeAll(tx, userId, signedOutAt);
    try {
      await context.passes.revokeBefore(userId, signedOutAt, requestId);
    } catch (error) {
      if (!(error instanceof InternalCallError)) throw error;
      throw new HttpProblem(
        503,
        {
          type: 'urn:urr:problem:sign-out-everywhere-unavailable',
          title: 'Service Unavailable',
          detail: 'your passes could not be revoked just now, so nothing was signed out; try again shortly',
        },
        { 'retry-after': '5' },
      );
    }
    return { sessionsEnded, signedOutAt };
  });
}
