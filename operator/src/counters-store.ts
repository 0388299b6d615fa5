import {
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

/**
 * Writes the operator's attributes of the counters item (countersSettingsUpdate) and closes a deleted
 * sale's waiting room.
 */
export class CountersSettingsStore {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async write(eventId: string, settings: OperatorCountersSettings): Promise<void> {
    await this.dynamo.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { [countersAttributes.eventId]: { S: eventId } },
        ...countersSettingsUpdate(settings),
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
