import { isRevokedPass } from '@urr/common/auth/pass-revocation';
import type { WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { passRevocationAttributes, passRevocationItemKey } from '@urr/common/vwr/pass-revocation-item';
import type { DynamoClient } from './dynamo.js';

const maxAccounts = 10_000;

/**
 * The accounts' pass revocations (docs/adr/0040), read from the positions table only where a pass is
 * handed out, never on a waiting fan's poll. Each container keeps an account's answer for `ttlMs`, so a
 * fan polling after admission costs one read per `ttlMs`; concurrent misses share one read, a failed one
 * is not kept.
 */
export class PassRevocations {
  private readonly entries = new Map<
    string,
    { readonly expiresAt: number; readonly revokedBefore: Promise<number | undefined> }
  >();

  constructor(
    private readonly dynamo: DynamoClient,
    private readonly tables: WaitingRoomTables,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether what `account` was issued at `issuedAtSeconds` (a place, a pass) is revoked. */
  async revokes(account: string, issuedAtSeconds: number): Promise<boolean> {
    return isRevokedPass(issuedAtSeconds, await this.revokedBefore(account));
  }

  private revokedBefore(account: string): Promise<number | undefined> {
    const now = this.clock();
    const cached = this.entries.get(account);
    if (cached && cached.expiresAt > now) return cached.revokedBefore;
    const revokedBefore = this.read(account);
    this.entries.delete(account);
    if (this.entries.size >= maxAccounts) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(account, { expiresAt: now + this.ttlMs, revokedBefore });
    revokedBefore.catch(() => {
      if (this.entries.get(account)?.revokedBefore === revokedBefore) this.entries.delete(account);
    });
    return revokedBefore;
  }

  private async read(account: string): Promise<number | undefined> {
    const { Item } = await this.dynamo.getItem({
      TableName: this.tables.positionsTable,
      Key: { [passRevocationAttributes.key]: { S: passRevocationItemKey(account) } },
      ProjectionExpression: '#revokedBefore',
      ExpressionAttributeNames: { '#revokedBefore': passRevocationAttributes.revokedBefore },
    });
    const seconds = Item?.[passRevocationAttributes.revokedBefore]?.N;
    return seconds === undefined ? undefined : Number(seconds);
  }
}
