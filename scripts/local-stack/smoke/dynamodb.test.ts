import { Agent, request } from 'node:http';
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

  it('keeps a connection open across calls, as DynamoDB does (docs/adr/0062-an-emulator-that-keeps-connections-open.md)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const target = new URL(process.env.AWS_ENDPOINT_URL ?? '');
    const listTables = () =>
      new Promise<{ status: number; reusedSocket: boolean }>((resolve, reject) => {
        const call = request(
          {
            host: target.hostname,
            port: target.port,
            method: 'POST',
            path: '/',
            agent,
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'x-amz-target': 'DynamoDB_20120810.ListTables',
              authorization:
                'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
            },
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, reusedSocket: call.reusedSocket }),
            );
          },
        );
        call.on('error', reject);
        call.end('{}');
      });
    try {
      const first = await listTables();
      const second = await listTables();
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});
