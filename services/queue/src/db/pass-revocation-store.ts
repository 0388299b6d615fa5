import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Redis } from '@urr/common';
import {
  passesRevokedBefore,
  passRevocationKey,
  passRevocationTtlSeconds,
} from '@urr/common/auth/pass-revocation';
import { passRevocationUpdate } from '@urr/common/vwr/pass-revocation-item';

/** Sets the revocation second unless a later one is there already (KEYS[1]; ARGV: seconds, TTL). */
const moveForward = `
local current = tonumber(redis.call('GET', KEYS[1]))
local wanted = tonumber(ARGV[1])
if current and current >= wanted then return current end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return wanted
`;

export interface PassRevocationStoreOptions {
  readonly redis: Redis;
  readonly dynamo: DynamoDBClient;
  /** The waiting room's positions table, which vwr-api reads the Tier-1 copy from. */
  readonly positionsTable: string;
}

/**
 * Where an account's pass revocation second is kept (docs/adr/0040): a Redis key for the Tier-2 checks,
 * an item of the waiting room's positions table for Tier 1. Both only ever move forward.
 */
export function createPassRevocationStore(options: PassRevocationStoreOptions) {
  const { redis, dynamo } = options;
  return {
    /** Records "passes of `userId` issued before `revokedBefore` (epoch seconds) are void" in both stores. */
    async record(userId: string, revokedBefore: number): Promise<void> {
      await redis.eval(moveForward, 1, passRevocationKey(userId), revokedBefore, passRevocationTtlSeconds);
      try {
        await dynamo.send(
          new UpdateItemCommand({
            TableName: options.positionsTable,
            ...passRevocationUpdate(userId, revokedBefore, revokedBefore + passRevocationTtlSeconds),
          }),
        );
      } catch (error) {
        // A later revocation is recorded already; it voids everything this one would.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    /** The account's revocation second, undefined when none is recorded. */
    revokedBefore: (userId: string): Promise<number | undefined> => passesRevokedBefore(redis, userId),
  };
}

export type PassRevocationStore = ReturnType<typeof createPassRevocationStore>;
