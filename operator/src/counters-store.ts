import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type CountersSettings,
  countersAttributes,
  countersSettingsUpdate,
} from '@urr/common/vwr/counters-item';

/** The admission settings the operator owns in an event's counters item: it writes every one of them. */
export type OperatorCountersSettings = Required<Omit<CountersSettings, 'positionShards'>>;

/** Where Tier-1 admission stands, as vwr-api and counter-advancer last wrote it (0 before the first assign). */
export interface Tier1Figures {
  /** Highest position admitted so far. */
  readonly servingCounter: number;
  /** The advancer's snapshot of the next position to hand out. */
  readonly nextPosition: number;
}

const counterOf = (value: AttributeValue | undefined): number => {
  const parsed = Number(value?.N ?? 0);
  return Number.isFinite(parsed) ? parsed : 0;
};

/**
 * Writes the operator's attributes of the counters item (countersSettingsUpdate), reading back in the same
 * request where Tier-1 admission stands, and closes a deleted sale's waiting room.
 */
export class CountersSettingsStore {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async write(eventId: string, settings: OperatorCountersSettings): Promise<Tier1Figures> {
    const { Attributes: item } = await this.dynamo.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        ...countersSettingsUpdate(settings),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return {
      servingCounter: counterOf(item?.[countersAttributes.servingCounter]),
      nextPosition: counterOf(item?.[countersAttributes.nextPosition]),
    };
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
