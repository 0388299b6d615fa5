import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Logger, periodicJob } from '@urr/common';
import { Gauge, type Registry } from 'prom-client';

export interface DeadLetterDepthOptions {
  readonly sqs: SQSClient;
  /** The DLQ's name: the `queue` label of the series. */
  readonly queueName: string;
  /** Looks the DLQ's URL up; retried at each sample until it succeeds, then kept. */
  readonly queueUrl: () => Promise<string>;
  readonly registry: Registry;
  readonly logger: Logger;
  /** @default 30000 */
  readonly intervalMs?: number;
}

export interface DeadLetterDepthSampler {
  /** Reads the DLQ's depth into the gauge; resolves to it. */
  readonly sampleOnce: () => Promise<number>;
  readonly start: () => void;
  readonly stop: () => Promise<void>;
}

/**
 * `queue_ticket_events_dlq_messages`: the messages the ticket worker gave up on (SQS's
 * ApproximateNumberOfMessages of the ticket-events DLQ), sampled on an interval rather than at each scrape,
 * so a slow SQS never holds up /metrics. Until the first sample succeeds there is no series (an unknown
 * depth is not an empty DLQ); after a failed one the last figure stays and the failure is logged.
 */
export function createDeadLetterDepthSampler(options: DeadLetterDepthOptions): DeadLetterDepthSampler {
  const { sqs, logger } = options;
  const intervalMs = options.intervalMs ?? 30_000;
  const depth = new Gauge({
    name: 'queue_ticket_events_dlq_messages',
    help: 'Messages waiting in the ticket-events dead-letter queue (SQS ApproximateNumberOfMessages), sampled.',
    labelNames: ['queue'] as const,
    registers: [options.registry],
  });
  let queueUrl: string | undefined;

  async function sampleOnce(): Promise<number> {
    queueUrl ??= await options.queueUrl();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    const messages = Number(Attributes?.ApproximateNumberOfMessages);
    if (!Number.isFinite(messages)) throw new Error(`SQS gave no message count for ${options.queueName}`);
    depth.set({ queue: options.queueName }, messages);
    return messages;
  }

  const job = periodicJob({
    name: 'dead-letter-depth',
    intervalMs,
    run: sampleOnce,
    logger,
    failureMessage: 'dead-letter queue depth not sampled',
    failureFields: { queue: options.queueName },
  });

  return { sampleOnce, start: job.start, stop: job.stop };
}
