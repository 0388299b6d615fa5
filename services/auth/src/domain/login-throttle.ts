/**
 * Failed sign-ins are counted under two keys: the account from one client (tight: stops guessing from
 * one place) and the account from anywhere (looser: stops a botnet spreading its guesses).
 *
 * Every attempt claims one failure under both keys before its password is checked, in one transaction,
 * and goes on to the check only while both stay within their limits; otherwise the claim is rolled back
 * and the attempt refused. So however many guesses arrive at once, at most `limit` of them reach the
 * password check per window, and refused attempts count for nothing. A right password gives its claim
 * back (and clears its client's count), so the owner's own sign-ins never add to a lockout.
 */
export interface ThrottleRule {
  readonly name: 'account-from-client' | 'account';
  readonly limit: number;
  readonly windowSeconds: number;
}

export const loginThrottleRules: readonly ThrottleRule[] = [
  { name: 'account-from-client', limit: 5, windowSeconds: 15 * 60 },
  { name: 'account', limit: 20, windowSeconds: 15 * 60 },
];

export interface LoginAttempt {
  readonly email: string;
  readonly clientIp: string;
}

export function throttleKey(rule: ThrottleRule, attempt: LoginAttempt): string {
  return rule.name === 'account'
    ? `account:${attempt.email}`
    : `account-from-client:${attempt.email}:${attempt.clientIp}`;
}

export interface FailureCount {
  readonly key: string;
  readonly failures: number;
  readonly windowStartedAt: Date;
}

export type ThrottleDecision =
  | { readonly blocked: false }
  | { readonly blocked: true; readonly retryAfterSeconds: number };

/**
 * Whether an attempt may go on to the password check, given its keys' counts with its own claim already
 * added (a key whose window had passed starts again at 1): refused while any key is over its limit, until
 * that key's window ends.
 */
export function claimDecision(
  attempt: LoginAttempt,
  claimed: readonly FailureCount[],
  now: Date,
  rules: readonly ThrottleRule[] = loginThrottleRules,
): ThrottleDecision {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const count = claimed.find((candidate) => candidate.key === throttleKey(rule, attempt));
    if (!count || count.failures <= rule.limit) continue;
    const windowEndsMs = count.windowStartedAt.getTime() + rule.windowSeconds * 1000;
    retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((windowEndsMs - now.getTime()) / 1000), 1);
  }
  return retryAfterSeconds > 0 ? { blocked: true, retryAfterSeconds } : { blocked: false };
}
