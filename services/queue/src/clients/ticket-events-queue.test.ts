import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deadLetterQueueNameOf,
  ensureTicketEventsQueue,
  ticketEventsQueueUrl,
} from './ticket-events-queue.js';

const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
const created: string[] = [];

async function attributesOf(queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
  );
  return Attributes;
}

describe('ticket-events FIFO queue and its DLQ (real SQS)', () => {
  afterAll(async () => {
    await Promise.all(created.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
    sqs.destroy();
  });

  it('names the DLQ after the queue', () => {
    expect(deadLetterQueueNameOf('ticket-events.fifo')).toBe('ticket-events-dlq.fifo');
  });

  it('creates both with the redrive policy and the 14-day DLQ retention, and is safe to run again', async () => {
    const name = `ticket-events-test-${randomUUID()}.fifo`;
    const first = await ensureTicketEventsQueue(sqs, name);
    created.push(first.queueUrl, first.deadLetterQueueUrl);
    const second = await ensureTicketEventsQueue(sqs, name);
    expect(second).toEqual(first);
    expect(await ticketEventsQueueUrl(sqs, name)).toBe(first.queueUrl);

    const queue = await attributesOf(first.queueUrl);
    const deadLetters = await attributesOf(first.deadLetterQueueUrl);
    expect(queue.FifoQueue).toBe('true');
    expect(JSON.parse(queue.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: deadLetters.QueueArn,
      maxReceiveCount: 3,
    });
    expect(deadLetters.FifoQueue).toBe('true');
    expect(deadLetters.MessageRetentionPeriod).toBe('1209600');
  });

  it('adds the redrive policy to a queue that exists without one', async () => {
    const name = `ticket-events-test-${randomUUID()}.fifo`;
    const bare = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: 'true' } }),
    );
    created.push(bare.QueueUrl ?? '');
    const ensured = await ensureTicketEventsQueue(sqs, name);
    created.push(ensured.deadLetterQueueUrl);
    expect(ensured.queueUrl).toBe(bare.QueueUrl);
    expect(JSON.parse((await attributesOf(ensured.queueUrl)).RedrivePolicy ?? '{}').maxReceiveCount).toBe(3);
  });
});
