export {
  loadPollerConfig,
  loadWorkerConfig,
  type PollerConfig,
  pollerEnvSchema,
  type WorkerConfig,
  workerEnvSchema,
} from './config.js';
export { createTicketWorkerHandler, handler, type RecordOutcome, type TicketWorkerDeps } from './handler.js';
export {
  createLocalPoller,
  type LocalPoller,
  type LocalPollerOptions,
  type PollResult,
} from './local-poller.js';
export { sqsEventOf, sqsRecordOf } from './sqs-event.js';
