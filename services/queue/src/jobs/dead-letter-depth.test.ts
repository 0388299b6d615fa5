import { randomUUID } from 'node:crypto';
import { DeleteQueueCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { captureLogs } from '@urr/common/testing/log-capture';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import {
  deadLetterQueueNameOf,
  ensureTicketEventsQueue,
  ticketEventsQueueUrl,
} from '../clients/ticket-events-queue.js';
import { createDeadLetterDepthSampler } from './dead-letter-depth.js';

const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
const created: string[] = [];
const { logger, lines } = captureLogs('dead-letter-depth-test');

afterAll(async () => {
  await Promise.all(created.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))));
  sqs.destroy();
});

/** The DLQ gauge's samples as a scrape of the registry reads them, by `queue` label. */
async function scrape(registry: Registry): Promise<Record<string, number>> {
  const samples: Record<string, number> = {};
  for (const line of (await registry.metrics()).split('\n')) {
    const match = /^queue_ticket_events_dlq_messages\{queue="([^"]*)"\} (\S+)$/.exec(line);
    if (match) samples[match[1]!] = Number(match[2]);
  }
  return samples;
}

describe('the ticket-events DLQ depth gauge (real SQS)', () => {
  it('reports the messages waiting in the DLQ', async () => {
    const name = `ticket-events-dlq-depth-${randomUUID()}.fifo`;
    const queues = await ensureTicketEventsQueue(sqs, name);
    created.push(queues.queueUrl, queues.deadLetterQueueUrl);
    const dlqName = deadLetterQueueNameOf(name);
    const registry = new Registry();
    const sampler = createDeadLetterDepthSampler({
      sqs,
      queueName: dlqName,
      queueUrl: () => ticketEventsQueueUrl(sqs, dlqName),
      registry,
      logger,
    });
    expect(await scrape(registry)).toEqual({});
    expect(await sampler.sampleOnce()).toBe(0);
    expect(await scrape(registry)).toEqual({ [dlqName]: 0 });

    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queues.deadLetterQueueUrl,
        Entries: ['a', 'b', 'c'].map((id) => ({
          Id: id,
          MessageBody: JSON.stringify({ id }),
          MessageGroupId: 'event-1',
          MessageDeduplicationId: `${id}-${randomUUID()}`,
        })),
      }),
    );
    expect(await sampler.sampleOnce()).toBe(3);
    expect(await scrape(registry)).toEqual({ [dlqName]: 3 });
  });

  it('shows no series while the DLQ cannot be found, logs it, and keeps /metrics served', async () => {
    const dlqName = `absent-${randomUUID()}-dlq.fifo`;
    const registry = new Registry();
    const sampler = createDeadLetterDepthSampler({
      sqs,
      queueName: dlqName,
      queueUrl: () => ticketEventsQueueUrl(sqs, dlqName),
      registry,
      logger,
      intervalMs: 60_000,
    });
    sampler.start();
    await sampler.stop();
    expect(await scrape(registry)).toEqual({});
    expect((await registry.metrics()).includes('# TYPE queue_ticket_events_dlq_messages gauge')).toBe(true);
    expect(
      lines().some((line) => line.msg === 'dead-letter queue depth not sampled' && line.queue === dlqName),
    ).toBe(true);
  });
});
