import { randomBytes, randomUUID } from 'node:crypto';
import type { WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { passRevocationAttributes, passRevocationUpdate } from '@urr/common/vwr/pass-revocation-item';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from './dynamo.js';
import { PassRevocations } from './pass-revocations.js';
import { positionAttributes } from './positions-record.js';
import { ensureWaitingRoomTables } from './tables.js';

describe('pass revocations in the positions table (moto DynamoDB)', () => {
  const dynamo = createDynamoClient({
    region: process.env.AWS_REGION ?? 'ap-northeast-2',
    endpoint: process.env.AWS_ENDPOINT_URL,
  });
  const suffix = randomBytes(4).toString('hex');
  const tables: WaitingRoomTables = {
    countersTable: `revocations-counters-${suffix}`,
    positionsTable: `revocations-positions-${suffix}`,
  };
  beforeAll(() => ensureWaitingRoomTables(dynamo, tables));
  afterAll(async () => {
    for (const TableName of Object.values(tables)) await dynamo.deleteTable({ TableName });
    dynamo.destroy();
  });

  const revoke = (account: string, revokedBefore: number) =>
    dynamo.updateItem({
      TableName: tables.positionsTable,
      ...passRevocationUpdate(account, revokedBefore, revokedBefore + 86_400),
    });

  it('keys and expires the item as the positions table does', () => {
    expect(passRevocationAttributes.key).toBe(positionAttributes.slotId);
    expect(passRevocationAttributes.expiresAt).toBe(positionAttributes.expiresAt);
  });

  it('revokes what the account was issued before the second, nothing of other accounts', async () => {
    const [account, other] = [randomUUID(), randomUUID()];
    await revoke(account, 1_000);
    const revocations = new PassRevocations(dynamo, tables, 0);
    expect(await revocations.revokes(account, 999)).toBe(true);
    expect(await revocations.revokes(account, 1_000)).toBe(false);
    expect(await revocations.revokes(other, 999)).toBe(false);
  });

  it('keeps an answer per account for its time to live, then reads the table again', async () => {
    const account = randomUUID();
    let now = 0;
    const revocations = new PassRevocations(dynamo, tables, 2_000, () => now);
    expect(await revocations.revokes(account, 500)).toBe(false);
    await revoke(account, 1_000);
    now = 1_999;
    expect(await revocations.revokes(account, 500)).toBe(false);
    now = 2_000;
    expect(await revocations.revokes(account, 500)).toBe(true);
  });
});
