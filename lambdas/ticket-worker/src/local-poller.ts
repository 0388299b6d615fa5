import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from '@urr/common';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { recordAttributeNames, sqsEventOf } from './sqs-event.js';

export interface LocalPollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly region: string;
  /** The Lambda handler, unchanged. */
  readonly handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>;
  readonly logger: Logger;
  /** @default 20 */
  readonly waitTimeSeconds?: number;
  /** @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** @default 10 */
  readonly batchSize?: number;
}

export interface PollResult {
  readonly received: number;
  readonly deleted: number;
  /** Left in the queue: received again after the visibility timeout. */
  readonly failed: number;
}

export interface LocalPoller {
  /** One receive (long poll), the handler over the batch, and the deletes. */
  readonly pollOnce: () => Promise<PollResult>;
  readonly start: () => void;
  /** Ends the long poll in progress, lets a running batch finish, and stops. */
  readonly stop: () => Promise<void>;
}

/**
 * What Lambda's SQS event source does, for the local stack: long-polls the queue, hands each batch to the
 * handler as an `SQSEvent`, deletes what succeeded, and leaves the reported failures (or the whole batch
 * when the handler throws or reports an id it was not given) to come back after their visibility
 * timeout — so the queue's redrive policy moves a message to the DLQ after its maxReceiveCount receives,
 * as in AWS.
 */
export function createLocalPoller(options: LocalPollerOptions): LocalPoller {
  const { sqs, queueUrl, logger } = options;
  let queueArn: string | undefined;
  let running = false;
  let loop: Promise<void> | undefined;
  let polling: AbortController | undefined;

  const arnOfQueue = async () => {
    if (!queueArn) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      );
      if (!Attributes?.QueueArn) throw new Error(`SQS gave no ARN for ${queueUrl}`);
      queueArn = Attributes.QueueArn;
    }
    return queueArn;
  };

  const failedIds = async (messages: readonly Message[], event: SQSEvent): Promise<Set<string>> => {
    const everyOne = new Set(messages.map((message) => message.MessageId ?? ''));
    try {
      const response = await options.handler(event);
      const reported = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      if ([...reported].some((id) => !everyOne.has(id))) {
        logger.error(
          { reported: [...reported] },
          'the handler reported ids it was not given: the whole batch failed',
        );
        return everyOne;
      }
      return reported;
    } catch (error) {
      logger.error(
        { err: error, messages: messages.length },
        'the handler failed: the whole batch is retried',
      );
      return everyOne;
    }
  };

  const deleteAll = async (messages: readonly Message[]) => {
    for (let start = 0; start < messages.length; start += 10) {
      const chunk = messages.slice(start, start + 10);
      const { Failed = [] } = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
      if (Failed.length > 0)
        logger.warn(
          { failed: Failed },
          'SQS did not delete some processed messages; they come back and are skipped',
        );
    }
  };

  const pollOnce = async (): Promise<PollResult> => {
    polling = new AbortController();
    const { Messages: messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: options.batchSize ?? 10,
        WaitTimeSeconds: options.waitTimeSeconds ?? 20,
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
        MessageSystemAttributeNames: [...recordAttributeNames],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: polling.signal },
    );
    if (messages.length === 0) return { received: 0, deleted: 0, failed: 0 };
    const event = sqsEventOf(messages, { arn: await arnOfQueue(), region: options.region });
    const failed = await failedIds(messages, event);
    const succeeded = messages.filter((message) => !failed.has(message.MessageId ?? ''));
    await deleteAll(succeeded);
    return { received: messages.length, deleted: succeeded.length, failed: failed.size };
  };

  return {
    pollOnce,
    start: () => {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            const result = await pollOnce();
            if (result.received > 0) logger.debug(result, 'batch handled');
          } catch (error) {
            if (!running) break;
            logger.error({ err: error }, 'polling SQS failed; trying again in a second');
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
        }
      })();
    },
    stop: async () => {
      running = false;
      polling?.abort();
      await loop;
    },
  };
}
