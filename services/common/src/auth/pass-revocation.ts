import type { Redis } from 'ioredis';

/**
 * An account's pass revocation (docs/adr/0040): "every pass issued to this account before second T is
 * void". Signing out everywhere and an admin's revocation record it; queue-service writes it to Redis for
 * the Tier-2 checks and to DynamoDB for Tier 1. T is whole epoch seconds, rounded up, because the passes
 * carry their issue time in whole seconds (`iat`): a pass of the revoking second itself is void too.
 */
export const passRevocationKey = (userId: string) => `account:${userId}:passes-revoked-before`;

/**
 * How long a revocation is kept: longer than any pass it voids lives (entry and Tier-1 passes 600 s,
 * Tier-1 position tickets a day), after which nothing issued before it can be presented anyway.
 */
export const passRevocationTtlSeconds = 86_400 + 3_600;

/** The revocation second for a revocation made at `at`. */
export function revokedBeforeSecondOf(at: Date): number {
  return Math.ceil(at.getTime() / 1000);
}

/** Whether a pass issued at `issuedAtSeconds` is void under the revocation (none: undefined). */
export function isRevokedPass(issuedAtSeconds: number, revokedBeforeSeconds: number | undefined): boolean {
  return revokedBeforeSeconds !== undefined && issuedAtSeconds < revokedBeforeSeconds;
}

/** The account's revocation second from Redis: one GET; undefined when none was recorded. */
export async function passesRevokedBefore(redis: Redis, userId: string): Promise<number | undefined> {
  const value = await redis.get(passRevocationKey(userId));
  const seconds = value === null ? Number.NaN : Number(value);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}
