import {
  CreateTableCommand,
  DeleteTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { countersAttributes, type WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { positionAttributes } from './positions-record.js';

/**
 * Creates the waiting room's tables if they are missing (the local stack and tests; in AWS the CDK stack
 * owns them). Safe to call again and from several processes at once.
 */
export async function ensureWaitingRoomTables(
  dynamo: DynamoDBClient,
  tables: WaitingRoomTables,
): Promise<void> {
  await Promise.all([
    createTable(dynamo, tables.countersTable, countersAttributes.eventId),
    createTable(dynamo, tables.positionsTable, positionAttributes.slotId),
  ]);
  try {
    await dynamo.send(
      new UpdateTimeToLiveCommand({
        TableName: tables.positionsTable,
        TimeToLiveSpecification: { AttributeName: positionAttributes.expiresAt, Enabled: true },
      }),
    );
  } catch (error) {
    // Enabling TTL a second time is refused; the first call's setting stands.
    if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
  }
}

/** Deletes the waiting room's tables: a bench's or a test's own, when it is done with them. */
export async function dropWaitingRoomTables(
  dynamo: DynamoDBClient,
  tables: WaitingRoomTables,
): Promise<void> {
  await Promise.all(
    [tables.countersTable, tables.positionsTable].map((TableName) =>
      dynamo.send(new DeleteTableCommand({ TableName })),
    ),
  );
}

async function createTable(dynamo: DynamoDBClient, tableName: string, keyName: string): Promise<void> {
  try {
    await dynamo.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: keyName, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 60 }, { TableName: tableName });
}
