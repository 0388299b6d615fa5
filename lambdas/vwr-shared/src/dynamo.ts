import http from 'node:http';
import https from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  BatchGetItemInput,
  BatchGetItemOutput,
  CreateTableInput,
  DeleteItemInput,
  DeleteTableInput,
  DescribeTableInput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  ScanInput,
  ScanOutput,
  UpdateItemInput,
  UpdateItemOutput,
  UpdateTimeToLiveInput,
} from '@aws-sdk/client-dynamodb';
import { type AwsCredentials, signedHeaders } from './sigv4.js';

/**
 * The DynamoDB operations the waiting room uses, with the request and response shapes of the DynamoDB
 * API (attribute values as `{ S }`, `{ N }`, …). Sent as signed JSON over kept-alive HTTPS, without the
 * AWS SDK: the SDK cost Tier 1 about three times the CPU per call (docs/adr/0067).
 */
export interface DynamoClient {
  readonly getItem: (input: GetItemInput) => Promise<GetItemOutput>;
  readonly putItem: (input: PutItemInput) => Promise<object>;
  readonly updateItem: (input: UpdateItemInput) => Promise<UpdateItemOutput>;
  readonly deleteItem: (input: DeleteItemInput) => Promise<object>;
  readonly batchGetItem: (input: BatchGetItemInput) => Promise<BatchGetItemOutput>;
  readonly scan: (input: ScanInput) => Promise<ScanOutput>;
  readonly createTable: (input: CreateTableInput) => Promise<object>;
  readonly deleteTable: (input: DeleteTableInput) => Promise<object>;
  readonly describeTable: (input: DescribeTableInput) => Promise<{ Table?: { TableStatus?: string } }>;
  readonly updateTimeToLive: (input: UpdateTimeToLiveInput) => Promise<object>;
  /** Closes the kept-alive connections. */
  readonly destroy: () => void;
}

export interface DynamoOptions {
  readonly region: string;
  /** The local DynamoDB-compatible server; unset in AWS (then the region's public endpoint). */
  readonly endpoint?: string;
  /** @default the environment's (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as Lambda sets them */
  readonly credentials?: AwsCredentials;
  /** Tries per call: transient failures (throttling, 5xx, a dropped connection) are tried again. @default 3 */
  readonly maxAttempts?: number;
  /** Time one try may take before it is abandoned as a transient failure. @default 10000 */
  readonly attemptTimeoutMs?: number;
}

/** A refusal or failure of a DynamoDB call: `name` is DynamoDB's error type, e.g. `ConditionalCheckFailedException`. */
export class DynamoError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    /** The HTTP status; 0 when no answer came. */
    readonly statusCode: number,
  ) {
    super(message);
  }
}

/** A conditional write refused because its condition did not hold. */
export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof DynamoError && error.name === 'ConditionalCheckFailedException';

const throttlingTypes = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/** Whether trying the same call again may succeed: the SDK's standard retry classes. */
const isTransient = (error: DynamoError): boolean =>
  error.statusCode === 0 || error.statusCode >= 500 || throttlingTypes.has(error.name);

function credentialsFromEnvironment(): AwsCredentials {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey)
    throw new Error(
      'no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Lambda sets them for its role)',
    );
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** DynamoDB's error body: `{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"…"}`. */
function errorOf(statusCode: number, body: string): DynamoError {
  try {
    const parsed = JSON.parse(body) as { __type?: string; message?: string; Message?: string };
    const name = parsed.__type?.split('#').pop();
    if (name) return new DynamoError(name, parsed.message ?? parsed.Message ?? name, statusCode);
  } catch {
    // Not DynamoDB's JSON: a proxy's or load balancer's page; the status says what happened.
  }
  return new DynamoError(`Http${statusCode}`, body.slice(0, 200) || `HTTP ${statusCode}`, statusCode);
}

export function createDynamoClient(options: DynamoOptions): DynamoClient {
  const endpoint = new URL(options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`);
  const transport = endpoint.protocol === 'http:' ? http : https;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });
  const maxAttempts = options.maxAttempts ?? 3;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  const path = endpoint.pathname || '/';

  let credentials = options.credentials;
  const attempt = (target: string, body: string, signWith: AwsCredentials): Promise<unknown> => {
    const headers = signedHeaders(
      {
        method: 'POST',
        host: endpoint.host,
        path,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
        },
        body,
      },
      {
        credentials: signWith,
        region: options.region,
        service: 'dynamodb',
        now: new Date(),
      },
    );
    return new Promise((resolve, reject) => {
      const request = transport.request(
        {
          agent,
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          port: endpoint.port,
          method: 'POST',
          path,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: attemptTimeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(new DynamoError('ConnectionError', error.message, 0)));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status !== 200) return reject(errorOf(status, text));
            try {
              resolve(text ? JSON.parse(text) : {});
            } catch {
              reject(new DynamoError('MalformedResponse', text.slice(0, 200), 0));
            }
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new DynamoError('TimeoutError', `no answer within ${attemptTimeoutMs} ms`, 0)),
      );
      request.on('error', (error) =>
        reject(error instanceof DynamoError ? error : new DynamoError('ConnectionError', error.message, 0)),
      );
      request.end(body);
    });
  };

  const call = async <Output>(target: string, input: object): Promise<Output> => {
    const body = JSON.stringify(input);
    credentials ??= credentialsFromEnvironment();
    for (let tries = 1; ; tries += 1) {
      try {
        return (await attempt(target, body, credentials)) as Output;
      } catch (error) {
        if (!(error instanceof DynamoError) || !isTransient(error) || tries >= maxAttempts) throw error;
        // Full jitter on an exponential base, as the SDK's standard retry strategy.
        await delay(Math.random() * Math.min(20_000, 100 * 2 ** tries));
      }
    }
  };

  return {
    getItem: (input) => call('GetItem', input),
    putItem: (input) => call('PutItem', input),
    updateItem: (input) => call('UpdateItem', input),
    deleteItem: (input) => call('DeleteItem', input),
    batchGetItem: (input) => call('BatchGetItem', input),
    scan: (input) => call('Scan', input),
    createTable: (input) => call('CreateTable', input),
    deleteTable: (input) => call('DeleteTable', input),
    describeTable: (input) => call('DescribeTable', input),
    updateTimeToLive: (input) => call('UpdateTimeToLive', input),
    destroy: () => agent.destroy(),
  };
}
