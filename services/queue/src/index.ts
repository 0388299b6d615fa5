/** queue-service as a package: its app, what the app receives, and the SQS FIFO queue its admission events go to. */
export { createApp } from './app.js';
export {
  ensureTicketEventsQueue,
  type TicketEventsQueue,
  ticketEventsQueueUrl,
} from './clients/ticket-events-queue.js';
export type { QueueContext } from './context.js';
