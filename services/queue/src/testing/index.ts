/** What other packages' tests use of queue-service: the in-process service with its relay and sweeper. */
export { type QueueHarness, startQueueHarness } from './queue-harness.js';
