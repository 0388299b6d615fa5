/** What other packages use of queue-service at run time: the SQS FIFO queue its admission events go to. */
export {
  ensureTicketEventsQueue,
  type TicketEventsQueue,
  ticketEventsQueueUrl,
} from './clients/ticket-events-queue.js';
