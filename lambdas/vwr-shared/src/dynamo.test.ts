import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient, DynamoError, isConditionalCheckFailed } from './dynamo.js';

describe('the DynamoDB client, on the local DynamoDB server', () => {
  const dynamo = createDynamoClient({
    region: process.env.AWS_REGION ?? 'ap-northeast-2',
    endpoint: process.env.AWS_ENDPOINT_URL,
  });
  const TableName = `dynamo-client-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    await dynamo.createTable({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });
  afterAll(async () => {
    await dynamo.deleteTable({ TableName });
    dynamo.destroy();
  });

  it('writes, updates and reads items in the DynamoDB JSON shapes', async () => {
    await dynamo.putItem({ TableName, Item: { id: { S: 'a' }, n: { N: '1' }, l: { L: [{ N: '2' }] } } });
    const { Attributes } = await dynamo.updateItem({
      TableName,
      Key: { id: { S: 'a' } },
      UpdateExpression: 'ADD n :one SET flag = :true',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':true': { BOOL: true } },
      ReturnValues: 'ALL_NEW',
    });
    expect(Attributes).toEqual({
      id: { S: 'a' },
      n: { N: '2' },
      l: { L: [{ N: '2' }] },
      flag: { BOOL: true },
    });
    expect(
      (await dynamo.getItem({ TableName, Key: { id: { S: 'a' } }, ConsistentRead: true })).Item?.n,
    ).toEqual({
      N: '2',
    });
    expect((await dynamo.getItem({ TableName, Key: { id: { S: 'missing' } } })).Item).toBeUndefined();
  });

  it('names a refused condition ConditionalCheckFailedException, and writes nothing', async () => {
    await dynamo.putItem({ TableName, Item: { id: { S: 'taken' }, owner: { S: 'first' } } });
    const refused = await dynamo
      .putItem({
        TableName,
        Item: { id: { S: 'taken' }, owner: { S: 'second' } },
        ConditionExpression: 'attribute_not_exists(id)',
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DynamoError);
    expect(isConditionalCheckFailed(refused)).toBe(true);
    expect((refused as DynamoError).statusCode).toBe(400);
    const { Item } = await dynamo.getItem({ TableName, Key: { id: { S: 'taken' } }, ConsistentRead: true });
    expect(Item?.owner).toEqual({ S: 'first' });
  });

  it('lets exactly one of many concurrent conditional claims of one key win', async () => {
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, fan) =>
        dynamo
          .putItem({
            TableName,
            Item: { id: { S: 'contended' }, owner: { S: `fan-${fan}` } },
            ConditionExpression: 'attribute_not_exists(id)',
          })
          .then(
            () => 'won',
            (error: unknown) => (isConditionalCheckFailed(error) ? 'refused' : String(error)),
          ),
      ),
    );
    expect(claims.filter((claim) => claim === 'won')).toHaveLength(1);
    expect(claims.filter((claim) => claim === 'refused')).toHaveLength(15);
  });

  it('reads in batches, deletes, and scans with a filter', async () => {
    await Promise.all(
      ['b1', 'b2', 'b3'].map((id) =>
        dynamo.putItem({ TableName, Item: { id: { S: id }, kind: { S: 'batch' } } }),
      ),
    );
    const { Responses } = await dynamo.batchGetItem({
      RequestItems: {
        [TableName]: { Keys: [{ id: { S: 'b1' } }, { id: { S: 'b3' } }], ConsistentRead: true },
      },
    });
    expect(Responses?.[TableName]?.map((item) => item.id?.S).sort()).toEqual(['b1', 'b3']);
    await dynamo.deleteItem({ TableName, Key: { id: { S: 'b2' } } });
    const { Items } = await dynamo.scan({
      TableName,
      FilterExpression: '#kind = :batch',
      ExpressionAttributeNames: { '#kind': 'kind' },
      ExpressionAttributeValues: { ':batch': { S: 'batch' } },
    });
    expect(Items?.map((item) => item.id?.S).sort()).toEqual(['b1', 'b3']);
  });

  it("answers a missing table with DynamoDB's error type", async () => {
    const missing = await dynamo
      .describeTable({ TableName: `${TableName}-missing` })
      .catch((error: unknown) => error);
    expect((missing as DynamoError).name).toBe('ResourceNotFoundException');
  });
});

describe('the DynamoDB client, against a server that fails', () => {
  let server: Server;
  let endpoint: string;
  const received: { target: string; authorization: string; body: string }[] = [];
  let answers: ((request: IncomingMessage) => [number, string])[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({
          target: String(request.headers['x-amz-target']),
          authorization: String(request.headers.authorization),
          body,
        });
        const answer = answers.shift();
        if (!answer) return request.socket.destroy();
        const [status, text] = answer(request);
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const client = (maxAttempts = 3) =>
    createDynamoClient({
      region: 'ap-northeast-2',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
    });
  const fresh = (...next: typeof answers) => {
    received.length = 0;
    answers = next;
  };
  const throttled = (): [number, string] => [
    400,
    JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'slow down' }),
  ];

  it('tries throttling and a 5xx again, with the same signed request, until one answers', async () => {
    fresh(
      throttled,
      () => [503, 'Service Unavailable'],
      () => [200, '{"Item":{"id":{"S":"x"}}}'],
    );
    const dynamo = client();
    expect(await dynamo.getItem({ TableName: 't', Key: { id: { S: 'x' } } })).toEqual({
      Item: { id: { S: 'x' } },
    });
    expect(received.map((request) => request.target)).toEqual(Array(3).fill('DynamoDB_20120810.GetItem'));
    expect(new Set(received.map((request) => request.body)).size).toBe(1);
    expect(received[0]!.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/ap-northeast-2\/dynamodb\//,
    );
    dynamo.destroy();
  });

  it('gives up after the last try with the last failure', async () => {
    fresh(throttled, throttled);
    const dynamo = client(2);
    const failure = await dynamo.getItem({ TableName: 't', Key: {} }).catch((error: unknown) => error);
    expect((failure as DynamoError).name).toBe('ThrottlingException');
    expect(received).toHaveLength(2);
    dynamo.destroy();
  });

  it('does not try a refused condition or a bad request again', async () => {
    fresh(() => [
      400,
      JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      }),
    ]);
    const dynamo = client();
    const refused = await dynamo.updateItem({ TableName: 't', Key: {} }).catch((error: unknown) => error);
    expect(isConditionalCheckFailed(refused)).toBe(true);
    fresh(() => [
      400,
      JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', Message: 'bad' }),
    ]);
    const invalid = await dynamo.updateItem({ TableName: 't', Key: {} }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ name: 'ValidationException', message: 'bad', statusCode: 400 });
    expect(received).toHaveLength(1);
    dynamo.destroy();
  });

  it('treats a dropped connection as transient, and a page that is not JSON by its status', async () => {
    fresh(() => [502, '<html>Bad Gateway</html>']);
    const dynamo = client(2);
    // The second try finds no answer queued: the server drops the connection.
    const failure = await dynamo.scan({ TableName: 't' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ConnectionError', statusCode: 0 });
    expect(received).toHaveLength(2);
    fresh(() => [502, '<html>Bad Gateway</html>']);
    const once = client(1);
    expect(await once.scan({ TableName: 't' }).catch((error: unknown) => error)).toMatchObject({
      name: 'Http502',
      statusCode: 502,
    });
    dynamo.destroy();
    once.destroy();
  });

  it('says what to set when no credentials are there, without sending anything', async () => {
    fresh();
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const dynamo = createDynamoClient({ region: 'ap-northeast-2', endpoint });
      await expect(dynamo.getItem({ TableName: 't', Key: {} })).rejects.toThrow(/set AWS_ACCESS_KEY_ID/);
      expect(received).toHaveLength(0);
      dynamo.destroy();
    } finally {
      if (saved.id !== undefined) process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret !== undefined) process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });
});
