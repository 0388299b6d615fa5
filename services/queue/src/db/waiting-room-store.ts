import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { countersAttributes, countersInstantOf } from '@urr/common/vwr/counters-item';

/** What an event's counters item says about its Tier-1 waiting room. */
export interface WaitingRooms {
  /** Whether arrivals wait in Tier 1 for this event now. */
  isActive(eventId: string): Promise<boolean>;
  /** Whether the operator runs this event's sale (it has written the item's admission settings). */
  isManaged(eventId: string): Promise<boolean>;
  /** When the sale opens (ms since the epoch), as the operator wrote it; undefined when it did not. */
  opensAt(eventId: string): Promise<number | undefined>;
}

export interface CountersTableWaitingRoomsOptions {
  readonly dynamo: DynamoDBClient;
  /** The waiting room's DynamoDB counters table (services/common/src/vwr/counters-item.ts). */
  readonly countersTable: string;
  /** How long an answer is reused; the operator flips `active` at phase changes, not per request. */
  readonly cacheMs: number;
  readonly now?: () => number;
}

interface WaitingRoomState {
  readonly managed: boolean;
  readonly active: boolean;
  readonly opensAt: number | undefined;
}

/**
 * Reads `active` from the event's counters item, the flag vwr-api itself obeys, so Tier 2 asks for a
 * Tier-1 pass exactly while Tier 1 makes arrivals wait (docs/adr/0009). No item: no waiting room; an item
 * without the flag (vwr-api counted before the operator wrote its settings) is not managed yet. Answers
 * are cached per event and concurrent lookups share one read; a failed read is not cached and throws.
 */
export function countersTableWaitingRooms(options: CountersTableWaitingRoomsOptions): WaitingRooms {
  const now = options.now ?? Date.now;
  const answers = new Map<string, WaitingRoomState & { readonly until: number }>();
  const reading = new Map<string, Promise<WaitingRoomState>>();

  async function read(eventId: string): Promise<WaitingRoomState> {
    const { Item } = await options.dynamo.send(
      new GetItemCommand({
        TableName: options.countersTable,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        ProjectionExpression: '#active, #opensAt',
        ExpressionAttributeNames: {
          '#active': countersAttributes.active,
          '#opensAt': countersAttributes.opensAt,
        },
      }),
    );
    const flag = Item?.[countersAttributes.active]?.BOOL;
    return {
      managed: flag !== undefined,
      active: flag === true,
      opensAt: countersInstantOf(Item?.[countersAttributes.opensAt]),
    };
  }

  function forget(at: number) {
    for (const [eventId, answer] of answers) if (answer.until <= at) answers.delete(eventId);
  }

  function lookup(eventId: string): Promise<WaitingRoomState> {
    const at = now();
    const known = answers.get(eventId);
    if (known && known.until > at) return Promise.resolve(known);
    const pending = reading.get(eventId);
    if (pending) return pending;
    const started = read(eventId)
      .then((state) => {
        forget(now());
        answers.set(eventId, { ...state, until: now() + options.cacheMs });
        return state;
      })
      .finally(() => reading.delete(eventId));
    reading.set(eventId, started);
    return started;
  }

  return {
    isActive: async (eventId) => (await lookup(eventId)).active,
    isManaged: async (eventId) => (await lookup(eventId)).managed,
    opensAt: async (eventId) => (await lookup(eventId)).opensAt,
  };
}
