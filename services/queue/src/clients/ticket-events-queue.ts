import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueNameExists,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** After this many receives without a delete, SQS moves a message to the DLQ. */
export const ticketEventsMaxReceiveCount = 3;
/** The DLQ keeps messages for 14 days, for a person to inspect and replay. */
export const deadLetterRetentionSeconds = 14 * 24 * 60 * 60;

/** `ticket-events.fifo` → `ticket-events-dlq.fifo`. */
export function deadLetterQueueNameOf(queueName: string): string {
  return `${queueName.replace(/\.fifo$/, '')}-dlq.fifo`;
}

async function createOrConverge(
  sqs: SQSClient,
  queueName: string,
  attributes: Record<string, string>,
): Promise<string> {
  try {
    const created = await sqs.send(
      new CreateQueueCommand({ QueueName: queueName, Attributes: { FifoQueue: 'true', ...attributes } }),
    );
    if (created.QueueUrl) return created.QueueUrl;
  } catch (error) {
    // It exists with other attributes: bring those we set to what they should be.
    if (!(error instanceof QueueNameExists)) throw error;
  }
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`SQS gave no URL for ${queueName}`);
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes }));
  return QueueUrl;
}

export interface TicketEventsQueue {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
}

/**
 * Creates the FIFO queue and its DLQ with the redrive policy when they are missing, and converges their
 * attributes when they exist (safe on every start of every replica). In AWS the CDK stack owns both
 * queues and the service only looks the URL up (`SQS_CREATE_QUEUES=false`).
 */
export async function ensureTicketEventsQueue(sqs: SQSClient, queueName: string): Promise<TicketEventsQueue> {
  const deadLetterQueueUrl = await createOrConverge(sqs, deadLetterQueueNameOf(queueName), {
    MessageRetentionPeriod: String(deadLetterRetentionSeconds),
  });
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`SQS gave no ARN for ${deadLetterQueueNameOf(queueName)}`);
  const queueUrl = await createOrConverge(sqs, queueName, {
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: Attributes.QueueArn,
      maxReceiveCount: ticketEventsMaxReceiveCount,
    }),
  });
  return { queueUrl, deadLetterQueueUrl };
}

/** The URL of a queue someone else created (the CDK stack in AWS). */
export async function ticketEventsQueueUrl(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`SQS gave no URL for ${queueName}`);
  return QueueUrl;
}
