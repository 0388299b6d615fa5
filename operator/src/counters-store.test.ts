import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersSettingsStore } from './counters-store.js';
import { uniqueSuffix } from './test-support.js';

const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL });
const tableName = `urr-vwr-counters-store-${uniqueSuffix()}`;
const store = new CountersSettingsStore(dynamo, tableName);
const settings = {
  admitStep: 300,
  cycleSeconds: 10,
  active: true,
  opensAt: new Date('2026-12-01T11:00:00Z'),
  soldOut: false,
  paused: false,
  powDifficulty: 16,
};

beforeAll(async () => {
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
afterAll(async () => {
  await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
  dynamo.destroy();
});

const itemOf = async (eventId: string) =>
  (
    await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { eventId: { S: eventId } }, ConsistentRead: true }),
    )
  ).Item;

describe('CountersSettingsStore on the DynamoDB-compatible server', () => {
  it("writes the admission settings and leaves vwr-api's counting attributes as they were", async () => {
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { eventId: { S: 'hall' }, servingCounter: { N: '3000' }, nextPosition: { N: '5000' } },
      }),
    );
    expect(await store.write('hall', settings)).toEqual({ servingCounter: 3000, nextPosition: 5000 });
    expect(await itemOf('hall')).toEqual({
      eventId: { S: 'hall' },
      servingCounter: { N: '3000' },
      nextPosition: { N: '5000' },
      admitStep: { N: '300' },
      cycleSeconds: { N: '10' },
      active: { BOOL: true },
      opensAt: { S: '2026-12-01T11:00:00.000Z' },
      soldOut: { BOOL: false },
      paused: { BOOL: false },
      powDifficulty: { N: '16' },
    });
  });

  it('reads zero positions from an item no assign has touched yet', async () => {
    expect(await store.write('fresh', settings)).toEqual({ servingCounter: 0, nextPosition: 0 });
  });

  it('closes an existing waiting room, and neither creates an item nor fails when there is none', async () => {
    await store.write('closing', settings);
    await store.deactivate('closing');
    expect((await itemOf('closing'))?.active).toEqual({ BOOL: false });
    await store.deactivate('never-opened');
    expect(await itemOf('never-opened')).toBeUndefined();
    await new CountersSettingsStore(dynamo, `${tableName}-missing`).deactivate('hall');
  });
});
