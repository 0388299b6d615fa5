import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('DynamoDB-compatible server smoke test', () => {
  const dynamo = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL });
  const tableName = `smoke-counters-${process.pid}-${Date.now()}`;

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

  const advance = (expected: number) =>
    dynamo.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { eventId: { S: 'concert-1' } },
        UpdateExpression: 'SET servingCounter = :next',
        ConditionExpression: 'attribute_not_exists(servingCounter) OR servingCounter = :expected',
        ExpressionAttributeValues: {
          ':next': { N: String(expected + 500) },
          ':expected': { N: String(expected) },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );

  it('applies a conditional UpdateItem whose condition holds', async () => {
    const result = await advance(0);
    expect(result.Attributes?.servingCounter?.N).toBe('500');
  });

  it('refuses a conditional UpdateItem whose condition is wrong, leaving the item as it was', async () => {
    await expect(advance(0)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const item = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: { eventId: { S: 'concert-1' } } }),
    );
    expect(item.Item?.servingCounter?.N).toBe('500');
  });
});
