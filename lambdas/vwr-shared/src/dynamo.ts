import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoOptions {
  readonly region: string;
  /** The local DynamoDB-compatible server; unset in AWS. */
  readonly endpoint?: string;
}

export function createDynamoClient(options: DynamoOptions): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
}
