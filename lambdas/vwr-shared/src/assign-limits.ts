import { isIPv4, isIPv6 } from 'node:net';
import type { WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { type DynamoClient, isConditionalCheckFailed } from './dynamo.js';
import { positionAttributes as attr } from './positions-record.js';

/** Assign limits per minute (docs/adr/0008): per account, and per network (/24 IPv4, /64 IPv6). */
export interface AssignLimits {
  readonly perAccount: number;
  readonly perNetwork: number;
}

export const windowSeconds = 60;

/** The network a client address belongs to, as rate limits count it. */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return networkOf(mapped);
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) {
    const [head = '', tail] = address.split('::');
    const headGroups = head ? head.split(':') : [];
    const tailGroups = tail ? tail.split(':') : [];
    const groups =
      tail === undefined
        ? headGroups
        : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
    const short = (group: string) => group.toLowerCase().replace(/^0+(?=.)/, '');
    return `${groups.slice(0, 4).map(short).join(':')}::/64`;
  }
  return `other:${address}`;
}

/**
 * Counts assigns in fixed one-minute windows, in the positions table (items expire by TTL): one
 * conditional ADD per key, so concurrent Lambdas never let more through than the limit.
 */
export class AssignLimiter {
  constructor(
    private readonly dynamo: DynamoClient,
    private readonly tables: WaitingRoomTables,
    private readonly limits: AssignLimits,
  ) {}

  /** Seconds to wait when a limit is reached; undefined when this assign may go ahead. */
  async admit(account: string, clientIp: string, now: number): Promise<number | undefined> {
    const window = Math.floor(now / 1000 / windowSeconds);
    const retryAfter = (window + 1) * windowSeconds - Math.floor(now / 1000);
    for (const [key, limit] of [
      [`rate#account#${account}#${window}`, this.limits.perAccount],
      [`rate#network#${networkOf(clientIp)}#${window}`, this.limits.perNetwork],
    ] as const) {
      if (!(await this.take(key, limit, window))) return retryAfter;
    }
    return undefined;
  }

  private async take(key: string, limit: number, window: number): Promise<boolean> {
    try {
      await this.dynamo.updateItem({
        TableName: this.tables.positionsTable,
        Key: { [attr.slotId]: { S: key } },
        UpdateExpression: 'ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#expiresAt': attr.expiresAt },
        ExpressionAttributeValues: {
          ':one': { N: '1' },
          ':limit': { N: String(limit) },
          ':expiresAt': { N: String((window + 2) * windowSeconds) },
        },
      });
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
