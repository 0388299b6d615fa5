import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { positionTtlSeconds, type WaitingRoomTables } from '@urr/common/vwr/counters-item';
import { type AccountPlace, accountPlaceKey, decodePlace, encodePlace } from './account-place.js';
import { type DynamoClient, isConditionalCheckFailed } from './dynamo.js';
import { positionAttributes as attr, type PositionStatus } from './positions-record.js';

export interface PositionRecord {
  readonly status: PositionStatus;
  readonly lastSeenAt: number;
}

/**
 * The positions table: who holds each handed-out slot and whether they are still there. A slot's record is
 * written on the first thing its holder does after the assign (a heartbeat, leaving, being admitted), not by
 * the assign itself, so an arrival costs one write at the opening's peak (docs/adr/0003).
 */
export class PositionsStore {
  constructor(
    private readonly dynamo: DynamoClient,
    private readonly tables: WaitingRoomTables,
  ) {}

  /** Records the holder as present; false when the position is no longer waiting (left, expired, admitted). */
  async heartbeat(slotId: string, eventId: string, now: number): Promise<boolean> {
    return (
      (await this.upsert(
        slotId,
        eventId,
        now,
        'SET #lastSeenAt = :now, #status = if_not_exists(#status, :waiting)',
        '#status = :waiting',
        {
          ':waiting': { S: 'waiting' },
        },
      )) !== undefined
    );
  }

  /**
   * Admits the holder once: returns when the admission happened (the first one, for repeated checks), or
   * undefined when the position was left or expired and its slot went to someone else.
   */
  async admit(slotId: string, eventId: string, now: number): Promise<number | undefined> {
    const attributes = await this.upsert(
      slotId,
      eventId,
      now,
      'SET #status = :admitted, #lastSeenAt = :now, #admittedAt = if_not_exists(#admittedAt, :now)',
      '#status IN (:waiting, :admitted)',
      { ':waiting': { S: 'waiting' }, ':admitted': { S: 'admitted' } },
    );
    const admittedAt = attributes?.[attr.admittedAt]?.N;
    return admittedAt === undefined ? undefined : Number(admittedAt);
  }

  /** Gives the position up; false when it was not waiting any more. */
  async leave(slotId: string, eventId: string, now: number): Promise<boolean> {
    return (
      (await this.upsert(
        slotId,
        eventId,
        now,
        'SET #status = :left, #lastSeenAt = :now',
        '#status = :waiting',
        {
          ':waiting': { S: 'waiting' },
          ':left': { S: 'left' },
        },
      )) !== undefined
    );
  }

  /**
   * Marks a position expired whose holder was last seen before `seenBefore`; for a slot without a record,
   * the caller has established that it was handed out before then. False when the holder showed up.
   */
  async expire(slotId: string, eventId: string, now: number, seenBefore: number): Promise<boolean> {
    return (
      (await this.upsert(
        slotId,
        eventId,
        now,
        'SET #status = :expired, #lastSeenAt = if_not_exists(#lastSeenAt, :now)',
        '#status = :waiting AND #lastSeenAt < :seenBefore',
        {
          ':waiting': { S: 'waiting' },
          ':expired': { S: 'expired' },
          ':seenBefore': { N: String(seenBefore) },
        },
      )) !== undefined
    );
  }

  /** The place this account holds in the event's waiting room, if any (strongly consistent). */
  async placeOf(eventId: string, account: string): Promise<AccountPlace | undefined> {
    const { Item } = await this.dynamo.getItem({
      TableName: this.tables.positionsTable,
      Key: { [attr.slotId]: { S: accountPlaceKey(eventId, account) } },
      ConsistentRead: true,
    });
    const place = Item?.[attr.place]?.S;
    return place === undefined ? undefined : decodePlace(eventId, account, place);
  }

  /**
   * Records `place` as the account's one place in the event, unless it holds one already: then answers
   * that one, and the caller gives the slot it just took back.
   */
  async claimPlace(place: AccountPlace, now: number): Promise<AccountPlace | undefined> {
    try {
      await this.dynamo.putItem({
        TableName: this.tables.positionsTable,
        Item: {
          [attr.slotId]: { S: accountPlaceKey(place.eventId, place.account) },
          [attr.eventId]: { S: place.eventId },
          [attr.place]: { S: encodePlace(place) },
          [attr.createdAt]: { N: String(now) },
          [attr.expiresAt]: { N: String(Math.floor(now / 1000) + positionTtlSeconds) },
        },
        ConditionExpression: 'attribute_not_exists(#slotId)',
        ExpressionAttributeNames: { '#slotId': attr.slotId },
      });
      return undefined;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    return this.placeOf(place.eventId, place.account);
  }

  /** Frees the account to join again (at the back), if `place` is still the one it holds. */
  async releasePlace(place: AccountPlace): Promise<void> {
    try {
      await this.dynamo.deleteItem({
        TableName: this.tables.positionsTable,
        Key: { [attr.slotId]: { S: accountPlaceKey(place.eventId, place.account) } },
        ConditionExpression: '#place = :place',
        ExpressionAttributeNames: { '#place': attr.place },
        ExpressionAttributeValues: { ':place': { S: encodePlace(place) } },
      });
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Records of the given slots (strongly consistent); slots without a record are absent from the map. */
  async read(slotIds: readonly string[]): Promise<Map<string, PositionRecord>> {
    const records = new Map<string, PositionRecord>();
    const unique = [...new Set(slotIds)];
    for (let start = 0; start < unique.length; start += 100) {
      let pending: Record<string, AttributeValue>[] = unique
        .slice(start, start + 100)
        .map((slotId) => ({ [attr.slotId]: { S: slotId } }));
      while (pending.length > 0) {
        const { Responses, UnprocessedKeys } = await this.dynamo.batchGetItem({
          RequestItems: {
            [this.tables.positionsTable]: {
              Keys: pending,
              ConsistentRead: true,
              ProjectionExpression: '#slotId, #status, #lastSeenAt',
              ExpressionAttributeNames: {
                '#slotId': attr.slotId,
                '#status': attr.status,
                '#lastSeenAt': attr.lastSeenAt,
              },
            },
          },
        });
        for (const item of Responses?.[this.tables.positionsTable] ?? []) {
          records.set(item[attr.slotId]!.S!, {
            status: item[attr.status]!.S as PositionStatus,
            lastSeenAt: Number(item[attr.lastSeenAt]?.N ?? 0),
          });
        }
        pending = UnprocessedKeys?.[this.tables.positionsTable]?.Keys ?? [];
      }
    }
    return records;
  }

  /**
   * One conditional write that creates the record when the slot has none yet: a slot without a record
   * counts as waiting since its assign. Returns the record after the write, or undefined if refused.
   */
  private async upsert(
    slotId: string,
    eventId: string,
    now: number,
    set: string,
    conditionOnRecord: string,
    values: Record<string, AttributeValue>,
  ): Promise<Record<string, AttributeValue> | undefined> {
    const updateExpression = `${set}, #eventId = :eventId, #createdAt = if_not_exists(#createdAt, :now), #expiresAt = if_not_exists(#expiresAt, :expiresAt)`;
    const condition = `attribute_not_exists(#slotId) OR (${conditionOnRecord})`;
    try {
      const { Attributes } = await this.dynamo.updateItem({
        TableName: this.tables.positionsTable,
        Key: { [attr.slotId]: { S: slotId } },
        UpdateExpression: updateExpression,
        ConditionExpression: condition,
        ExpressionAttributeNames: namesUsedIn(`${updateExpression} ${condition}`),
        ExpressionAttributeValues: {
          ...values,
          ':eventId': { S: eventId },
          ':now': { N: String(now) },
          ':expiresAt': { N: String(Math.floor(now / 1000) + positionTtlSeconds) },
        },
        ReturnValues: 'ALL_NEW',
      });
      return Attributes ?? {};
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }
}

const attributeNames: Record<string, string> = {
  '#slotId': attr.slotId,
  '#eventId': attr.eventId,
  '#status': attr.status,
  '#createdAt': attr.createdAt,
  '#lastSeenAt': attr.lastSeenAt,
  '#admittedAt': attr.admittedAt,
  '#expiresAt': attr.expiresAt,
};

/** DynamoDB refuses names an expression does not use, so each update sends only its own. */
function namesUsedIn(expressions: string): Record<string, string> {
  return Object.fromEntries(Object.entries(attributeNames).filter(([name]) => expressions.includes(name)));
}
