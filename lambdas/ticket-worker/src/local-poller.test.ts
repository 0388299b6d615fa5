import { randomUUID } from 'node:crypto';
import {
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { captureLogs } from '@urr/common/testing/log-capture';
import { ensureTicketEventsQueue, type TicketEventsQueue } from '@urr/queue';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '@urr/ticket-service/testing';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketWorkerHandler } from './handler.js';
import { createLocalPoller } from './local-poller.js';
import { admissionMessage } from './testing/admission-message.js';

/**
 * Issue 5, acceptance 4, on the SQS-compatible server: the handler run by the local poller against a
 * FIFO queue with queue-service's redrive policy (maxReceiveCount 3).
 */

const sqs = new SQSClient({ endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION });
let env: TicketTestEnv;
let queue: TicketEventsQueue;

beforeAll(async () => {
  env = await startTicketTestEnv();
  queue = await ensureTicketEventsQueue(sqs, `ticket-worker-test-${randomUUID()}.fifo`);
});
afterAll(async () => {
  if (queue)
    await Promise.all(
      [queue.queueUrl, queue.deadLetterQueueUrl].map((QueueUrl) =>
        sqs.send(new DeleteQueueCommand({ QueueUrl })),
      ),
    );
  sqs.destroy();
  await env?.close();
});

async function messagesIn(queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

async function waitFor<T>(probe: () => Promise<T | false>, what: string, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const value = await probe();
    if (value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ticket-worker on SQS (local poller)', () => {
  it('a poisoned message reaches the DLQ after exactly 3 receives; the rest of its batch is applied once', async () => {
    const { event } = await createSaleEvent(env, newUser('admin'));
    const [fan, other] = [randomUUID(), randomUUID()];
    const bodies = {
      admitted: JSON.stringify(admissionMessage(event.id, fan, 'queue.admitted', 1)),
      notJson: '{"id": "half a message',
      otherAdmitted: JSON.stringify(admissionMessage(event.id, other, 'queue.admitted', 2)),
      unknownEvent: JSON.stringify(admissionMessage(randomUUID(), fan, 'queue.admitted', 1)),
      left: JSON.stringify(admissionMessage(event.id, fan, 'queue.left', null)),
    };
    const poisoned = new Set([bodies.notJson, bodies.unknownEvent]);
    // As queue-service sends them: one message group per event, the message id as deduplication id.
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.queueUrl,
        Entries: Object.entries(bodies).map(([name, body]) => ({
          Id: name,
          MessageBody: body,
          MessageGroupId: event.id,
          MessageDeduplicationId: randomUUID(),
        })),
      }),
    );
    expect(sent.Failed ?? []).toEqual([]);

    const logs = captureLogs('ticket-worker-test');
    const handler = createTicketWorkerHandler({ db: env.db, logger: logs.logger });
    const batches: { event: SQSEvent; response: SQSBatchResponse }[] = [];
    const poller = createLocalPoller({
      sqs,
      queueUrl: queue.queueUrl,
      region: process.env.AWS_REGION ?? 'ap-northeast-2',
      handler: async (sqsEvent) => {
        const response = await handler(sqsEvent);
        batches.push({ event: sqsEvent, response });
        return response;
      },
      logger: logs.logger,
      waitTimeSeconds: 1,
      visibilityTimeoutSeconds: 2,
    });
    const started = performance.now();
    poller.start();
    try {
      await waitFor(
        async () => (await messagesIn(queue.deadLetterQueueUrl)) === 2,
        'two messages in the DLQ',
      );
      await waitFor(async () => (await messagesIn(queue.queueUrl)) === 0, 'an empty queue');
    } finally {
      await poller.stop();
    }
    const elapsedMs = Math.round(performance.now() - started);

    const receives = new Map<string, string[]>();
    for (const { event: batch } of batches)
      for (const record of batch.Records)
        receives.set(record.body, [
          ...(receives.get(record.body) ?? []),
          record.attributes.ApproximateReceiveCount,
        ]);
    for (const body of poisoned) expect(receives.get(body)).toEqual(['1', '2', '3']);
    for (const body of Object.values(bodies).filter((body) => !poisoned.has(body)))
      expect(receives.get(body)).toEqual(['1']);

    // The first batch held the poisoned messages and the good ones; only the poisoned were reported.
    const [first] = batches;
    expect(first?.event.Records.map((record) => record.body).sort()).toEqual(Object.values(bodies).sort());
    expect(first?.event.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      attributes: { MessageGroupId: event.id, ApproximateReceiveCount: '1' },
    });
    const reported = new Set(first?.response.batchItemFailures.map((failure) => failure.itemIdentifier));
    expect(
      first?.event.Records.filter((record) => reported.has(record.messageId))
        .map((record) => record.body)
        .sort(),
    ).toEqual([...poisoned].sort());

    const figures = expectStatus(
      await call(env, 'GET', `/internal/events/${event.id}/admissions`, {
        headers: { 'x-internal-token': env.config.INTERNAL_API_TOKEN },
      }),
      200,
    );
    expect(figures).toEqual({ eventId: event.id, admitted: 1, left: 1, expired: 0, admissions: 2 });

    const { Messages: deadLetters = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    expect(deadLetters.map((message) => message.Body).sort()).toEqual([...poisoned].sort());
    console.info(
      `poisoned messages dead-lettered after 3 receives each in ${elapsedMs} ms (${batches.length} batches)`,
    );
  });
});
