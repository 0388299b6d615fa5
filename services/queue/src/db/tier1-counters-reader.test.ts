import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { countersAttributes } from '@urr/common/vwr/counters-item';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tier1CountersReader } from './tier1-counters-reader.js';

const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
const countersTable = `queue-tier1-counters-test-${randomUUID()}`;

beforeAll(async () => {
  await dynamo.send(
    new CreateTableCommand({
      TableName: countersTable,
      AttributeDefinitions: [{ AttributeName: countersAttributes.eventId, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: countersAttributes.eventId, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});
afterAll(async () => {
  await dynamo.send(new DeleteTableCommand({ TableName: countersTable }));
  dynamo.destroy();
});

describe("the sale sampler's read of Tier 1's counters", () => {
  const read = tier1CountersReader({ dynamo, countersTable });

  it('reads the serving counter and the highest position handed out', async () => {
    const eventId = randomUUID();
    await dynamo.send(
      new PutItemCommand({
        TableName: countersTable,
        Item: {
          [countersAttributes.eventId]: { S: eventId },
          [countersAttributes.servingCounter]: { N: '1500' },
          [countersAttributes.nextPosition]: { N: '4201' },
          [countersAttributes.active]: { BOOL: true },
        },
      }),
    );
    expect(await read(eventId)).toEqual({ servingCounter: 1500, highestPosition: 4200 });
  });

  it('is null for an event without a waiting room, and 0 for counters not written yet', async () => {
    expect(await read(randomUUID())).toBeNull();
    const eventId = randomUUID();
    await dynamo.send(
      new PutItemCommand({
        TableName: countersTable,
        Item: { [countersAttributes.eventId]: { S: eventId }, [countersAttributes.active]: { BOOL: false } },
      }),
    );
    expect(await read(eventId)).toEqual({ servingCounter: 0, highestPosition: 0 });
  });
});
