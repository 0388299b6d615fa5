/**
 * Failed sign-ins are counted under two keys: the account from one client (tight: stops guessing from
 * one place) and the account from anywhere (looser: stops a botnet spreading its guesses). While either
 * is over its limit the sign-in is refused before the password is checked.
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

/** Whether the attempt is refused, and for how long, given the stored counts of its keys. */
export function throttleDecision(
  attempt: LoginAttempt,
  counts: readonly FailureCount[],
  now: Date,
  rules: readonly ThrottleRule[] = loginThrottleRules,
): ThrottleDecision {
  let retryAfterSeconds = 0;
  for (const rule of rules) {
    const count = counts.find((candidate) => candidate.key === throttleKey(rule, attempt));
    if (!count || count.failures < rule.limit) continue;
    const windowEndsMs = count.windowStartedAt.getTime() + rule.windowSeconds * 1000;
    if (windowEndsMs <= now.getTime()) continue;
    retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((windowEndsMs - now.getTime()) / 1000));
  }
  return retryAfterSeconds > 0 ? { blocked: true, retryAfterSeconds } : { blocked: false };
}
