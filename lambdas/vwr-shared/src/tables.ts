import { setTimeout as delay } from 'node:timers/promises';
import { countersAttributes, type WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { type DynamoClient, DynamoError } from './dynamo.js';
import { positionAttributes } from './positions-record.js';

/**
 * Creates the waiting room's tables if they are missing (the local stack and tests; in AWS the CDK stack
 * owns them). Safe to call again and from several processes at once.
 */
export async function ensureWaitingRoomTables(
  dynamo: DynamoClient,
  tables: WaitingRoomTables,
): Promise<void> {
  await Promise.all([
    createTable(dynamo, tables.countersTable, countersAttributes.eventId),
    createTable(dynamo, tables.positionsTable, positionAttributes.slotId),
  ]);
  try {
    await dynamo.updateTimeToLive({
      TableName: tables.positionsTable,
      TimeToLiveSpecification: { AttributeName: positionAttributes.expiresAt, Enabled: true },
    });
  } catch (error) {
    // Enabling TTL a second time is refused; the first call's setting stands.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
}

/** Deletes the waiting room's tables: a bench's or a test's own, when it is done with them. */
export async function dropWaitingRoomTables(dynamo: DynamoClient, tables: WaitingRoomTables): Promise<void> {
  await Promise.all(
    [tables.countersTable, tables.positionsTable].map((TableName) => dynamo.deleteTable({ TableName })),
  );
}

async function createTable(dynamo: DynamoClient, tableName: string, keyName: string): Promise<void> {
  try {
    await dynamo.createTable({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: keyName, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  } catch (error) {
    if (!(error instanceof DynamoError && error.name === 'ResourceInUseException')) throw error;
  }
  await untilActive(dynamo, tableName, 60_000);
}

/** Waits for a table another call is creating (or this one created) to take writes. */
async function untilActive(dynamo: DynamoClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { Table } = await dynamo.describeTable({ TableName: tableName });
      if (Table?.TableStatus === 'ACTIVE') return;
    } catch (error) {
      // The table may not be listed yet right after the create.
      if (!(error instanceof DynamoError && error.name === 'ResourceNotFoundException')) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`DynamoDB table ${tableName} was not ACTIVE within ${timeoutMs / 1000} s`);
    await delay(200);
  }
}
