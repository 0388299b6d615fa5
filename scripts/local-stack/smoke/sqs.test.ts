import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';

describe('SQS-compatible server smoke test', () => {
  const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL });
  const createdQueueUrls: string[] = [];

  async function createFifoQueueWithDlq(name: string): Promise<{ queueUrl: string; dlqUrl: string }> {
    const suffix = `${name}-${process.pid}-${Date.now()}`;
    const create = async (queueName: string, attributes: Record<string, string>) => {
      const url = (await sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes })))
        .QueueUrl!;
      createdQueueUrls.push(url);
      return url;
    };
    const dlqUrl = await create(`dlq-${suffix}.fifo`, {
      FifoQueue: 'true',
      MessageRetentionPeriod: '1209600',
    });
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const queueUrl = await create(`${suffix}.fifo`, {
      FifoQueue: 'true',
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }),
    });
    return { queueUrl, dlqUrl };
  }

  afterAll(async () => {
    await Promise.all(createdQueueUrls.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
    sqs.destroy();
  });

  const send = (queueUrl: string, deduplicationId: string, body: string) =>
    sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: body,
        MessageGroupId: 'event-1',
        MessageDeduplicationId: deduplicationId,
      }),
    );
  const receiveBodies = async (queueUrl: string) => {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    return received.Messages ?? [];
  };

  it('delivers a FIFO message once even when it is sent twice with one deduplication id', async () => {
    const { queueUrl } = await createFifoQueueWithDlq('dedup');
    await send(queueUrl, 'admission-1', 'first');
    await send(queueUrl, 'admission-1', 'first again');
    await send(queueUrl, 'admission-2', 'second');
    const messages = await receiveBodies(queueUrl);
    expect(messages.map((message) => message.Body)).toEqual(['first', 'second']);
    for (const message of messages) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle!,
          VisibilityTimeout: 0,
        }),
      );
    }
    expect((await receiveBodies(queueUrl)).map((message) => message.Body)).toEqual(['first', 'second']);
  });

  it('moves a message to the DLQ after exactly 3 receives without a delete', async () => {
    const { queueUrl, dlqUrl } = await createFifoQueueWithDlq('redrive');
    await send(queueUrl, 'poison-1', 'poison');
    let receives = 0;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const messages = await receiveBodies(queueUrl);
      receives += messages.length;
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // let the visibility timeout lapse
    }
    expect(receives).toBe(3);
    expect((await receiveBodies(dlqUrl)).map((message) => message.Body)).toEqual(['poison']);
  });
});
