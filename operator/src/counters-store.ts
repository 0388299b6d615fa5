import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { countersAttributes } from '@urr/common/vwr/counters-item';

/** The admission settings the operator owns in an event's counters item. */
export interface CountersSettings {
  readonly admitStep: number;
  readonly cycleSeconds: number;
  readonly active: boolean;
  readonly opensAt: Date;
  readonly soldOut: boolean;
  readonly paused: boolean;
  /** Proof-of-work difficulty at the door (docs/adr/0008). */
  readonly powDifficulty: number;
}

/**
 * Writes the operator's attributes of the counters item with UpdateItem SET, which creates the item
 * if needed and never touches the counting attributes vwr-api and counter-advancer own.
 */
export class CountersStore {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async write(eventId: string, settings: CountersSettings): Promise<void> {
    await this.dynamo.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        UpdateExpression:
          'SET #admitStep = :admitStep, #cycle = :cycle, #active = :active, #opensAt = :opensAt, #soldOut = :soldOut, #paused = :paused, #pow = :pow',
        ExpressionAttributeNames: {
          '#admitStep': countersAttributes.admitStep,
          '#cycle': countersAttributes.cycleSeconds,
          '#active': countersAttributes.active,
          '#opensAt': countersAttributes.opensAt,
          '#soldOut': countersAttributes.soldOut,
          '#paused': countersAttributes.paused,
          '#pow': countersAttributes.powDifficulty,
        },
        ExpressionAttributeValues: {
          ':admitStep': { N: String(settings.admitStep) },
          ':cycle': { N: String(settings.cycleSeconds) },
          ':active': { BOOL: settings.active },
          ':opensAt': { S: settings.opensAt.toISOString() },
          ':soldOut': { BOOL: settings.soldOut },
          ':paused': { BOOL: settings.paused },
          ':pow': { N: String(settings.powDifficulty) },
        },
      }),
    );
  }

  /** Closes the waiting room of a deleted sale (arrivals are no longer held), if it has one. */
  async deactivate(eventId: string): Promise<void> {
    try {
      await this.dynamo.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { [countersAttributes.eventId]: { S: eventId } },
          UpdateExpression: 'SET #active = :inactive',
          ConditionExpression: 'attribute_exists(#eventId)',
          ExpressionAttributeNames: {
            '#active': countersAttributes.active,
            '#eventId': countersAttributes.eventId,
          },
          ExpressionAttributeValues: { ':inactive': { BOOL: false } },
        }),
      );
    } catch (error) {
      // No item, or no table at all: there is no waiting room to close.
      if (!(error instanceof ConditionalCheckFailedException || error instanceof ResourceNotFoundException))
        throw error;
    }
  }
}
