import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { countersAttributes } from '@urr/common/vwr/counters-item';

/** Whether an event's Tier-1 waiting room holds arrivals, as its counters item says. */
export interface WaitingRooms {
  isActive(eventId: string): Promise<boolean>;
}

export interface CountersTableWaitingRoomsOptions {
  readonly dynamo: DynamoDBClient;
  /** The waiting room's DynamoDB counters table (services/common/src/vwr/counters-item.ts). */
  readonly countersTable: string;
  /** How long an answer is reused; the operator flips `active` at phase changes, not per request. */
  readonly cacheMs: number;
  readonly now?: () => number;
}

/**
 * Reads `active` from the event's counters item, the flag vwr-api itself obeys, so Tier 2 asks for a
 * Tier-1 pass exactly while Tier 1 makes arrivals wait (docs/adr/0009). No item: no waiting room. Answers
 * are cached per event and concurrent lookups share one read; a failed read is not cached and throws.
 */
export function countersTableWaitingRooms(options: CountersTableWaitingRoomsOptions): WaitingRooms {
  const now = options.now ?? Date.now;
  const answers = new Map<string, { readonly active: boolean; readonly until: number }>();
  const reading = new Map<string, Promise<boolean>>();

  async function read(eventId: string): Promise<boolean> {
    const { Item } = await options.dynamo.send(
      new GetItemCommand({
        TableName: options.countersTable,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        ProjectionExpression: '#active',
        ExpressionAttributeNames: { '#active': countersAttributes.active },
      }),
    );
    return Item?.[countersAttributes.active]?.BOOL === true;
  }

  function forget(at: number) {
    for (const [eventId, answer] of answers) if (answer.until <= at) answers.delete(eventId);
  }

  return {
    isActive(eventId) {
      const at = now();
      const known = answers.get(eventId);
      if (known && known.until > at) return Promise.resolve(known.active);
      const pending = reading.get(eventId);
      if (pending) return pending;
      const lookup = read(eventId)
        .then((active) => {
          forget(now());
          answers.set(eventId, { active, until: now() + options.cacheMs });
          return active;
        })
        .finally(() => reading.delete(eventId));
      reading.set(eventId, lookup);
      return lookup;
    },
  };
}
