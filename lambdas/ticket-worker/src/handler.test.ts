import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import { captureLogs } from '@urr/common/testing/log-capture';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '@urr/ticket-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicketWorkerHandler } from './handler.js';
import { sqsEventOf } from './sqs-event.js';
import { admissionMessage } from './testing/admission-message.js';

let env: TicketTestEnv;
const logs = captureLogs('ticket-worker-test');

beforeAll(async () => {
  env = await startTicketTestEnv();
});
afterAll(async () => {
  await env?.close();
});

/** An SQS message as the queue hands it out (one receive so far). */
const sqsMessage = (body: string, groupId: string): Message => ({
  MessageId: randomUUID(),
  ReceiptHandle: randomUUID(),
  Body: body,
  MD5OfBody: 'not-checked',
  Attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'queue-service',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
    MessageGroupId: groupId,
    MessageDeduplicationId: randomUUID(),
  },
});

/** The event's admission figures as ticket-service's internal API answers them. */
const admissionFigures = async (eventId: string) =>
  expectStatus(
    await call(env, 'GET', `/internal/events/${eventId}/admissions`, {
      headers: { 'x-internal-token': env.config.INTERNAL_API_TOKEN },
    }),
    200,
  );

describe('ticket-worker handler', () => {
  it('applies the good records once each and reports only the poisoned ones', async () => {
    const { event } = await createSaleEvent(env, newUser('admin'));
    const [fan, other] = [randomUUID(), randomUUID()];
    const admitted = admissionMessage(event.id, fan, 'queue.admitted', 1);
    const messages = {
      admitted: sqsMessage(JSON.stringify(admitted), event.id),
      notJson: sqsMessage('{"id": "half a message', event.id),
      otherAdmitted: sqsMessage(
        JSON.stringify(admissionMessage(event.id, other, 'queue.admitted', 2)),
        event.id,
      ),
      breaksContract: sqsMessage(
        JSON.stringify({ ...admitted, id: randomUUID(), type: 'queue.teleported' }),
        event.id,
      ),
      unknownEvent: sqsMessage(
        JSON.stringify(admissionMessage(randomUUID(), fan, 'queue.admitted', 1)),
        'elsewhere',
      ),
      left: sqsMessage(JSON.stringify(admissionMessage(event.id, fan, 'queue.left', null)), event.id),
      // The same admission again (sent after SQS's five-minute deduplication window).
      redelivered: sqsMessage(JSON.stringify(admitted), event.id),
    };
    const handler = createTicketWorkerHandler({ db: env.db, logger: logs.logger });
    const response = await handler(
      sqsEventOf(Object.values(messages), {
        arn: 'arn:aws:sqs:ap-northeast-2:000000000000:test.fifo',
        region: 'ap-northeast-2',
      }),
    );

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [messages.notJson.MessageId, messages.breaksContract.MessageId, messages.unknownEvent.MessageId].sort(),
    );
    const figures = await admissionFigures(event.id);
    expect(figures).toEqual({ eventId: event.id, admitted: 1, left: 1, expired: 0, admissions: 2 });
    const outcomes = logs
      .lines()
      .filter((line) => line.msg === 'admission message' && line.id === admitted.id)
      .map((line) => line.outcome);
    expect(outcomes).toEqual(['applied', 'duplicate']);
    expect(
      logs.lines().filter((line) => line.msg === 'poisoned message: not an admission message'),
    ).toHaveLength(2);
    expect(logs.lines().find((line) => line.msg === 'admission message rejected')).toMatchObject({
      reason: 'unknown-event',
      messageId: messages.unknownEvent.MessageId,
    });
  });

  it('applies a batch of good records in one transaction, a duplicate inside it once', async () => {
    const { event } = await createSaleEvent(env, newUser('admin'));
    const fans = [randomUUID(), randomUUID(), randomUUID()];
    const admitted = fans.map((fan, index) => admissionMessage(event.id, fan, 'queue.admitted', index + 1));
    const bodies = [
      ...admitted,
      admissionMessage(event.id, fans[0]!, 'queue.left', null),
      // A redelivery within the same batch.
      admitted[1]!,
    ];
    const handler = createTicketWorkerHandler({ db: env.db, logger: logs.logger });
    const response = await handler(
      sqsEventOf(
        bodies.map((body) => sqsMessage(JSON.stringify(body), event.id)),
        { arn: 'arn:aws:sqs:ap-northeast-2:000000000000:test.fifo', region: 'ap-northeast-2' },
      ),
    );
    expect(response.batchItemFailures).toEqual([]);
    const figures = await admissionFigures(event.id);
    expect(figures).toEqual({ eventId: event.id, admitted: 2, left: 1, expired: 0, admissions: 3 });
    const outcomes = logs
      .lines()
      .filter((line) => line.msg === 'admission message' && line.id === admitted[1]!.id)
      .map((line) => line.outcome);
    expect(outcomes).toEqual(['applied', 'duplicate']);
    expect(
      logs.lines().filter((line) => line.msg === 'admission messages applied together' && line.records === 5),
    ).toHaveLength(1);
  });

  it('a batch that cannot commit together leaves nothing half-applied: each record then ends on its own', async () => {
    const { event } = await createSaleEvent(env, newUser('admin'));
    const fan = randomUUID();
    const good = admissionMessage(event.id, fan, 'queue.admitted', 1);
    const unknown = sqsMessage(
      JSON.stringify(admissionMessage(randomUUID(), fan, 'queue.admitted', 1)),
      'elsewhere',
    );
    const handler = createTicketWorkerHandler({ db: env.db, logger: logs.logger });
    const response = await handler(
      sqsEventOf([sqsMessage(JSON.stringify(good), event.id), unknown], {
        arn: 'arn:aws:sqs:ap-northeast-2:000000000000:test.fifo',
        region: 'ap-northeast-2',
      }),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: unknown.MessageId }]);
    // The good record was rolled back with the batch and applied once on its own.
    expect(
      logs
        .lines()
        .filter((line) => line.msg === 'admission message' && line.id === good.id)
        .map((line) => line.outcome),
    ).toEqual(['applied']);
    const figures = await admissionFigures(event.id);
    expect(figures).toMatchObject({ admitted: 1, admissions: 1 });
  });

  it('two invocations with the same messages in opposite orders, at once: each applied once, none reported', async () => {
    const { event } = await createSaleEvent(env, newUser('admin'));
    const admitted = Array.from({ length: 8 }, (_, index) =>
      admissionMessage(event.id, randomUUID(), 'queue.admitted', index + 1),
    );
    const eventOf = (bodies: readonly object[]) =>
      sqsEventOf(
        bodies.map((body) => sqsMessage(JSON.stringify(body), event.id)),
        { arn: 'arn:aws:sqs:ap-northeast-2:000000000000:test.fifo', region: 'ap-northeast-2' },
      );
    const handler = createTicketWorkerHandler({ db: env.db, logger: logs.logger });
    // Row locks taken in opposite orders may deadlock; the losing batch then applies its records one by one.
    const responses = await Promise.all([
      handler(eventOf(admitted)),
      handler(eventOf([...admitted].reverse())),
    ]);
    expect(responses.map((response) => response.batchItemFailures)).toEqual([[], []]);
    expect(await admissionFigures(event.id)).toEqual({
      eventId: event.id,
      admitted: 8,
      left: 0,
      expired: 0,
      admissions: 8,
    });
    for (const message of admitted) {
      const outcomes = logs
        .lines()
        .filter((line) => line.msg === 'admission message' && line.id === message.id)
        .map((line) => line.outcome)
        .sort();
      expect(outcomes).toEqual(['applied', 'duplicate']);
    }
  });
});
