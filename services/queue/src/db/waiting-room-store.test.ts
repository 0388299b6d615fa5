import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { countersAttributes } from '@urr/common/vwr/counters-item';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersTableWaitingRooms } from './waiting-room-store.js';

const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
const countersTable = `queue-waiting-rooms-test-${randomUUID()}`;

/** The real client, counting the reads that reach DynamoDB. */
let reads = 0;
const countingDynamo = new Proxy(dynamo, {
  get(target, property, receiver) {
    if (property !== 'send') return Reflect.get(target, property, receiver);
    return (command: Parameters<DynamoDBClient['send']>[0]) => {
      reads += 1;
      return target.send(command);
    };
  },
});

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

const setActive = (eventId: string, active: boolean) =>
  dynamo.send(
    new UpdateItemCommand({
      TableName: countersTable,
      Key: { [countersAttributes.eventId]: { S: eventId } },
      UpdateExpression: 'SET #active = :active',
      ExpressionAttributeNames: { '#active': countersAttributes.active },
      ExpressionAttributeValues: { ':active': { BOOL: active } },
    }),
  );

describe('waiting rooms from the counters table (moto DynamoDB)', () => {
  it('reads the active flag the operator writes; no item or no flag is no waiting room', async () => {
    const rooms = countersTableWaitingRooms({ dynamo, countersTable, cacheMs: 0 });
    const [active, inactive, counting, absent] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await setActive(active, true);
    await setActive(inactive, false);
    // An item vwr-api created by counting, before the operator wrote its settings.
    await dynamo.send(
      new PutItemCommand({
        TableName: countersTable,
        Item: {
          [countersAttributes.eventId]: { S: counting },
          [countersAttributes.servingCounter]: { N: '0' },
        },
      }),
    );
    expect(await rooms.isActive(active)).toBe(true);
    expect(await rooms.isActive(inactive)).toBe(false);
    expect(await rooms.isActive(counting)).toBe(false);
    expect(await rooms.isActive(absent)).toBe(false);
    expect(await Promise.all([active, inactive, counting, absent].map((id) => rooms.isManaged(id)))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('reuses an answer for cacheMs, shares one read among concurrent lookups, then reads again', async () => {
    let now = 1_000_000;
    const rooms = countersTableWaitingRooms({
      dynamo: countingDynamo,
      countersTable,
      cacheMs: 2000,
      now: () => now,
    });
    const eventId = randomUUID();
    await setActive(eventId, true);
    reads = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 2 ? rooms.isActive(eventId) : rooms.isManaged(eventId),
      ),
    );
    expect(answers.every(Boolean)).toBe(true);
    expect(reads).toBe(1);

    await setActive(eventId, false);
    now += 1999;
    expect(await rooms.isActive(eventId)).toBe(true);
    expect(reads).toBe(1);
    now += 1;
    expect(await rooms.isActive(eventId)).toBe(false);
    expect(reads).toBe(2);
  });

  it('throws when it cannot tell, and caches no failure', async () => {
    const lateTable = `queue-waiting-rooms-late-${randomUUID()}`;
    const rooms = countersTableWaitingRooms({ dynamo, countersTable: lateTable, cacheMs: 60_000 });
    const eventId = randomUUID();
    await expect(rooms.isActive(eventId)).rejects.toThrow();
    await dynamo.send(
      new CreateTableCommand({
        TableName: lateTable,
        AttributeDefinitions: [{ AttributeName: countersAttributes.eventId, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: countersAttributes.eventId, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    try {
      expect(await rooms.isActive(eventId)).toBe(false);
    } finally {
      await dynamo.send(new DeleteTableCommand({ TableName: lateTable }));
    }
  });
});
