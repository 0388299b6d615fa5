import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { countersAttributes } from '@urr/common/vwr/counters-item';

export interface Tier1Counters {
  /** Highest position admitted so far. */
  readonly servingCounter: number;
  /** Highest position handed out so far (the advancer's snapshot of `nextPosition` − 1). */
  readonly highestPosition: number;
}

/** Reads an event's Tier-1 counters for the sale sampler; null when the event has no waiting room item. */
export function tier1CountersReader(options: {
  readonly dynamo: DynamoDBClient;
  readonly countersTable: string;
}) {
  return async (eventId: string): Promise<Tier1Counters | null> => {
    const { Item } = await options.dynamo.send(
      new GetItemCommand({
        TableName: options.countersTable,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        ProjectionExpression: '#serving, #next',
        ExpressionAttributeNames: {
          '#serving': countersAttributes.servingCounter,
          '#next': countersAttributes.nextPosition,
        },
      }),
    );
    if (!Item) return null;
    const number = (name: string) => Number(Item[name]?.N ?? 0);
    return {
      servingCounter: number(countersAttributes.servingCounter),
      highestPosition: Math.max(0, number(countersAttributes.nextPosition) - 1),
    };
  };
}
