import type { AttributeValue, UpdateItemInput } from '@aws-sdk/client-dynamodb';
import {
  countersAttributes as attr,
  countersInstantOf,
  defaultAdmitStep,
  defaultCycleSeconds,
  type WaitingRoomTables,
} from '@urr/common/vwr/counters-item';
import { type DynamoClient, isConditionalCheckFailed } from './dynamo.js';
import { shardAttributes } from './positions-record.js';
import { emptyRoom, type Room, type SealedPreQueue } from './room.js';
import { type Band, shardCounterKey } from './slots.js';

type Item = Record<string, AttributeValue>;

const numberOf = (value: AttributeValue | undefined): number | undefined =>
  value?.N === undefined ? undefined : Number(value.N);

const flagOf = (value: AttributeValue | undefined): boolean =>
  value?.BOOL === true || value?.N === '1' || value?.S === 'true';

const numbersOf = (value: AttributeValue | undefined): number[] | undefined =>
  value?.L?.map((entry) => Number(entry.N ?? 0));

const numberList = (values: readonly number[]): AttributeValue => ({
  L: values.map((value) => ({ N: String(value) })),
});

export function roomFromItem(eventId: string, item: Item | undefined): Room {
  if (!item) return emptyRoom(eventId);
  const size = numberOf(item[attr.preQueueSize]);
  const shardCounts = numbersOf(item[attr.preQueueShardCounts]);
  const seed = item[attr.preQueueSeed]?.S;
  const preQueue: SealedPreQueue | undefined =
    size !== undefined && shardCounts && seed
      ? { size, shardCounts, seed, sealedAt: numberOf(item[attr.preQueueSealedAt]) ?? 0 }
      : undefined;
  const positive = (value: number | undefined, fallback: number) =>
    value !== undefined && value > 0 ? value : fallback;
  return {
    eventId,
    active: flagOf(item[attr.active]),
    soldOut: flagOf(item[attr.soldOut]),
    paused: flagOf(item[attr.paused]),
    powDifficulty: numberOf(item[attr.powDifficulty]),
    opensAt: countersInstantOf(item[attr.opensAt]),
    admitStep: positive(numberOf(item[attr.admitStep]), defaultAdmitStep),
    cycleSeconds: positive(numberOf(item[attr.cycleSeconds]), defaultCycleSeconds),
    servingCounter: numberOf(item[attr.servingCounter]) ?? 0,
    positionShards: numberOf(item[attr.positionShards]),
    positionShardsFixed: flagOf(item[attr.positionShardsFixed]),
    preQueue,
    admissionRate: numberOf(item[attr.admissionRate]),
    lastAdvancedAt: numberOf(item[attr.lastAdvancedAt]),
    issuedHistory: item[attr.issuedHistory]?.S,
    voidSlots: item[attr.voidSlots]?.S,
    issuedTotal: numberOf(item[attr.issuedTotal]) ?? 0,
  };
}

export interface AdvanceRecord {
  readonly servingCounter: number;
  readonly nextPosition: number;
  readonly issuedHistory: string;
  readonly voidSlots: string;
  readonly issuedTotal: number;
  readonly credited: number;
  readonly admissionRate: number;
  readonly advancedAt: number;
}

/** The counters table: each event's item (`eventId`) and its position counter shards. */
export class CountersStore {
  constructor(
    private readonly dynamo: DynamoClient,
    private readonly tables: WaitingRoomTables,
  ) {}

  async readRoom(eventId: string, consistent = false): Promise<Room> {
    const { Item } = await this.dynamo.getItem({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: eventId } },
      ConsistentRead: consistent,
    });
    return roomFromItem(eventId, Item);
  }

  /**
   * Fixes the event's shard count (the one the operator set, else `proposed`) and returns it. The shard
   * items are created first, so no slot is ever taken from an item that is being created at that moment.
   */
  async fixPositionShards(eventId: string, proposed: number): Promise<number> {
    await Promise.all(
      ([0, 1] as const).flatMap((band) =>
        Array.from({ length: proposed }, (_, shard) =>
          this.dynamo.updateItem({
            TableName: this.tables.countersTable,
            Key: { [attr.eventId]: { S: shardCounterKey(eventId, band, shard) } },
            UpdateExpression: 'SET #issued = if_not_exists(#issued, :zero)',
            ExpressionAttributeNames: { '#issued': shardAttributes.issued },
            ExpressionAttributeValues: { ':zero': { N: '0' } },
          }),
        ),
      ),
    );
    const { Attributes } = await this.dynamo.updateItem({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: eventId } },
      UpdateExpression: 'SET #shards = if_not_exists(#shards, :proposed), #fixed = :true',
      ExpressionAttributeNames: { '#shards': attr.positionShards, '#fixed': attr.positionShardsFixed },
      ExpressionAttributeValues: { ':proposed': { N: String(proposed) }, ':true': { BOOL: true } },
      ReturnValues: 'UPDATED_NEW',
    });
    return numberOf(Attributes?.[attr.positionShards]) ?? proposed;
  }

  /** Takes the next slot of one shard; undefined when it is a pre-queue shard already sealed. */
  async takeSlot(eventId: string, band: Band, shard: number): Promise<number | undefined> {
    try {
      const { Attributes } = await this.dynamo.updateItem({
        TableName: this.tables.countersTable,
        Key: { [attr.eventId]: { S: shardCounterKey(eventId, band, shard) } },
        UpdateExpression: 'ADD #issued :one',
        ...(band === 0 ? { ConditionExpression: 'attribute_not_exists(#sealed)' } : {}),
        ExpressionAttributeNames: {
          '#issued': shardAttributes.issued,
          ...(band === 0 ? { '#sealed': shardAttributes.sealed } : {}),
        },
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      });
      return numberOf(Attributes?.[shardAttributes.issued]);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  }

  /**
   * Moves a lagging shard's count from `from` up to `to`, skipping the slots between; false (and nothing
   * changed) when an assign took a slot from it in the meantime.
   */
  async levelShard(eventId: string, shard: number, from: number, to: number): Promise<boolean> {
    return this.conditionally({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: shardCounterKey(eventId, 1, shard) } },
      UpdateExpression: 'SET #issued = :to',
      ConditionExpression: '#issued = :from',
      ExpressionAttributeNames: { '#issued': shardAttributes.issued },
      ExpressionAttributeValues: { ':from': { N: String(from) }, ':to': { N: String(to) } },
    });
  }

  /** Slots taken from each shard of a band (strongly consistent). */
  async readIssuedCounts(eventId: string, band: Band, shards: number): Promise<number[]> {
    const keys = Array.from({ length: shards }, (_, shard) => shardCounterKey(eventId, band, shard));
    const counts = new Map<string, number>();
    let pending: Item[] = keys.map((key) => ({ [attr.eventId]: { S: key } }));
    while (pending.length > 0) {
      const { Responses, UnprocessedKeys } = await this.dynamo.batchGetItem({
        RequestItems: { [this.tables.countersTable]: { Keys: pending, ConsistentRead: true } },
      });
      for (const item of Responses?.[this.tables.countersTable] ?? [])
        counts.set(item[attr.eventId]?.S ?? '', numberOf(item[shardAttributes.issued]) ?? 0);
      pending = UnprocessedKeys?.[this.tables.countersTable]?.Keys ?? [];
    }
    return keys.map((key) => counts.get(key) ?? 0);
  }

  /** Seals the pre-queue shards (no slot is taken from them afterwards) and returns their final counts. */
  async sealPreQueueShards(eventId: string, shards: number): Promise<number[]> {
    return Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const { Attributes } = await this.dynamo.updateItem({
          TableName: this.tables.countersTable,
          Key: { [attr.eventId]: { S: shardCounterKey(eventId, 0, shard) } },
          UpdateExpression: 'SET #sealed = :true',
          ExpressionAttributeNames: { '#sealed': shardAttributes.sealed },
          ExpressionAttributeValues: { ':true': { BOOL: true } },
          ReturnValues: 'ALL_NEW',
        });
        return numberOf(Attributes?.[shardAttributes.issued]) ?? 0;
      }),
    );
  }

  /** Records the sealed pre-queue once; false when another advancer recorded it first. */
  async recordPreQueueSeal(eventId: string, preQueue: SealedPreQueue): Promise<boolean> {
    return this.conditionally({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: eventId } },
      UpdateExpression: 'SET #size = :size, #counts = :counts, #seed = :seed, #sealedAt = :sealedAt',
      ConditionExpression: 'attribute_not_exists(#size)',
      ExpressionAttributeNames: {
        '#size': attr.preQueueSize,
        '#counts': attr.preQueueShardCounts,
        '#seed': attr.preQueueSeed,
        '#sealedAt': attr.preQueueSealedAt,
      },
      ExpressionAttributeValues: {
        ':size': { N: String(preQueue.size) },
        ':counts': numberList(preQueue.shardCounts),
        ':seed': { S: preQueue.seed },
        ':sealedAt': { N: String(preQueue.sealedAt) },
      },
    });
  }

  /** Writes an advance if the serving counter is still what the plan started from (one advancer wins). */
  async recordAdvance(eventId: string, expectedServing: number, advance: AdvanceRecord): Promise<boolean> {
    return this.conditionally({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: eventId } },
      UpdateExpression:
        'SET #serving = :serving, #next = :next, #history = :history, #void = :void, #issued = :issued, #rate = :rate, #at = :at ADD #credited :credited',
      ConditionExpression:
        expectedServing === 0
          ? 'attribute_not_exists(#serving) OR #serving = :expected'
          : '#serving = :expected',
      ExpressionAttributeNames: {
        '#serving': attr.servingCounter,
        '#next': attr.nextPosition,
        '#history': attr.issuedHistory,
        '#void': attr.voidSlots,
        '#issued': attr.issuedTotal,
        '#rate': attr.admissionRate,
        '#at': attr.lastAdvancedAt,
        '#credited': attr.creditedTotal,
      },
      ExpressionAttributeValues: {
        ':serving': { N: String(advance.servingCounter) },
        ':next': { N: String(advance.nextPosition) },
        ':history': { S: advance.issuedHistory },
        ':void': { S: advance.voidSlots },
        ':issued': { N: String(advance.issuedTotal) },
        ':rate': { N: String(advance.admissionRate) },
        ':at': { N: String(advance.advancedAt) },
        ':credited': { N: String(advance.credited) },
        ':expected': { N: String(expectedServing) },
      },
    });
  }

  /** Before the opening nothing advances, but the advancer still notes when pre-queue slots were taken. */
  async recordIssueHistory(eventId: string, history: string): Promise<void> {
    await this.dynamo.updateItem({
      TableName: this.tables.countersTable,
      Key: { [attr.eventId]: { S: eventId } },
      UpdateExpression: 'SET #history = :history',
      ExpressionAttributeNames: { '#history': attr.issuedHistory },
      ExpressionAttributeValues: { ':history': { S: history } },
    });
  }

  /** Events whose waiting room is active (their counters item says so). */
  async activeEventIds(): Promise<string[]> {
    const eventIds: string[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.dynamo.scan({
        TableName: this.tables.countersTable,
        FilterExpression: '#active IN (:true, :one, :text)',
        ExpressionAttributeNames: { '#active': attr.active, '#eventId': attr.eventId },
        ExpressionAttributeValues: { ':true': { BOOL: true }, ':one': { N: '1' }, ':text': { S: 'true' } },
        ProjectionExpression: '#eventId',
        ExclusiveStartKey: startKey,
      });
      for (const item of page.Items ?? []) if (item[attr.eventId]?.S) eventIds.push(item[attr.eventId]!.S!);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return eventIds;
  }

  private async conditionally(input: UpdateItemInput): Promise<boolean> {
    try {
      await this.dynamo.updateItem(input);
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}
