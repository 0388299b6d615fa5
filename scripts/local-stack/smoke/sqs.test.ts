import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * CPU each thread of the emulator's process has used so far, in ms (from /proc, by its pid file): one
 * spinning poll shows in its own thread, apart from what concurrent tests' calls cost the others.
 */
function emulatorThreadCpuMs(): Map<string, number> {
  const pid = readFileSync(
    join(process.env.URR_STATE_DIR ?? '/tmp/urr-stack', 'pids', 'aws.pid'),
    'utf8',
  ).trim();
  const threads = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {}
  }
  return threads;
}

/** The most CPU any one emulator thread used between two readings. */
const busiestThreadMs = (before: Map<string, number>, after: Map<string, number>) =>
  Math.max(0, ...[...after].map(([tid, ms]) => ms - (before.get(tid) ?? 0)));

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

  it('waits on a FIFO group whose message is in flight without spinning, and hands out the next to a poll after it is deleted', async () => {
    const { queueUrl } = await createFifoQueueWithDlq('in-flight');
    await send(queueUrl, 'group-1', 'first');
    await send(queueUrl, 'group-2', 'second');
    const [first] =
      (
        await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }),
        )
      ).Messages ?? [];
    expect(first?.Body).toBe('first');

    const before = emulatorThreadCpuMs();
    const blocked = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 4, VisibilityTimeout: 60 }),
    );
    const spent = busiestThreadMs(before, emulatorThreadCpuMs());
    expect(blocked.Messages ?? []).toEqual([]);
    // A poll that rescans without waiting keeps its thread busy for the whole 4 s (about 4,000 ms on a
    // free core); one that waits uses a few tens of ms.
    expect(spent).toBeLessThan(1000);

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first!.ReceiptHandle! }));
    const polledAt = Date.now();
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    expect((next.Messages ?? []).map((message) => message.Body)).toEqual(['second']);
    // At once rather than after the poll's 5 s: the bound sits halfway, for a loaded machine.
    expect(Date.now() - polledAt).toBeLessThan(2500);
  });
});
