/**
 * An account's pass revocation for Tier 1 (docs/adr/0040): one item per account in the waiting room's
 * positions table, written by queue-service and read by vwr-api before it hands out a pass. It carries the
 * revocation second of services/common/src/auth/pass-revocation.ts and goes with the table's TTL.
 */
export const passRevocationAttributes = {
  /** The positions table's key attribute (lambdas/vwr-shared positions-record.ts). */
  key: 'slotId',
  /** Epoch seconds: passes and position tickets of the account issued before it are void. */
  revokedBefore: 'revokedBefore',
  /** The positions table's TTL attribute, epoch seconds. */
  expiresAt: 'expiresAt',
} as const;

/** The item's key; `passes-revoked#` never collides with a slot id (`{eventId}#…`) or a place (`place#…`). */
export const passRevocationItemKey = (userId: string) => `passes-revoked#${userId}`;

/**
 * The one encoding of a write: an UpdateItem that moves the revocation second forward only (an older
 * revocation arriving late never shortens a newer one); a ConditionalCheckFailed means a later one stands.
 */
export function passRevocationUpdate(
  userId: string,
  revokedBeforeSeconds: number,
  expiresAtSeconds: number,
): {
  Key: Record<string, { S: string }>;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, { N: string }>;
} {
  return {
    Key: { [passRevocationAttributes.key]: { S: passRevocationItemKey(userId) } },
    UpdateExpression: 'SET #revokedBefore = :revokedBefore, #expiresAt = :expiresAt',
    ConditionExpression: 'attribute_not_exists(#revokedBefore) OR #revokedBefore < :revokedBefore',
    ExpressionAttributeNames: {
      '#revokedBefore': passRevocationAttributes.revokedBefore,
      '#expiresAt': passRevocationAttributes.expiresAt,
    },
    ExpressionAttributeValues: {
      ':revokedBefore': { N: String(revokedBeforeSeconds) },
      ':expiresAt': { N: String(expiresAtSeconds) },
    },
  };
}
