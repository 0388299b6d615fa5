import { createDatabase, createLogger, type Database, type Logger, withTransaction } from '@urr/common';
import { type AdmissionMessage, parseAdmissionMessage } from '@urr/common/events/admission-message';
import {
  AdmissionRejectedError,
  applyAdmissionMessage,
  requireCurrentTicketSchema,
  ticketSchema,
} from '@urr/ticket-service';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadWorkerConfig } from './config.js';

export interface TicketWorkerDeps {
  readonly db: Database<typeof ticketSchema>;
  readonly logger: Logger;
}

export type RecordOutcome = 'applied' | 'duplicate' | 'poisoned' | 'rejected' | 'failed';

/** One record: applied once through ticket-service's domain code, or the reason it was not. */
async function processRecord(deps: TicketWorkerDeps, record: SQSRecord): Promise<RecordOutcome> {
  const where = {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    groupId: record.attributes.MessageGroupId,
  };
  let message: AdmissionMessage;
  try {
    message = parseAdmissionMessage(record.body);
  } catch (error) {
    deps.logger.error({ ...where, err: error }, 'poisoned message: not an admission message');
    return 'poisoned';
  }
  try {
    const outcome = await withTransaction(deps.db.primary, (tx) => applyAdmissionMessage(tx, message));
    deps.logger.info(
      { ...where, id: message.id, type: message.type, eventId: message.eventId, outcome },
      'admission message',
    );
    return outcome;
  } catch (error) {
    if (error instanceof AdmissionRejectedError) {
      deps.logger.error(
        { ...where, id: message.id, reason: error.reason, err: error },
        'admission message rejected',
      );
      return 'rejected';
    }
    deps.logger.warn(
      { ...where, id: message.id, err: error },
      'admission message not applied; SQS redelivers it',
    );
    return 'failed';
  }
}

/**
 * The SQS handler for `ticket-events.fifo` (Lambda with `ReportBatchItemFailures`). Each record is applied
 * on its own and only the ones that failed are reported, so SQS deletes the rest; a failed record comes
 * back after its visibility timeout, and after 3 receives the redrive policy moves it to the DLQ.
 * Records of one message group are not held up behind a failed one: the ledger's rule does not depend
 * on the order messages are applied in (ticket-service's `nextAdmissionState`), so a poisoned message
 * never drags the messages after it into the DLQ.
 */
export function createTicketWorkerHandler(deps: TicketWorkerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const outcome = await processRecord(deps, record);
      if (outcome === 'poisoned' || outcome === 'rejected' || outcome === 'failed')
        batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures };
  };
}

let fromEnv: ((event: SQSEvent) => Promise<SQSBatchResponse>) | undefined;

/**
 * Lambda entry point; the database pool is made on the first invocation and kept by the warm instance.
 * ticket-service's deploy migrates ticket_db, the worker never does: while the schema is behind, every
 * invocation fails with one line naming what to run (the batch comes back after its visibility timeout).
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  if (!fromEnv) {
    const config = loadWorkerConfig();
    const logger = createLogger({ service: 'ticket-worker', level: config.LOG_LEVEL });
    const db = createDatabase({
      primaryUrl: config.DATABASE_URL,
      poolMax: config.DATABASE_POOL_MAX,
      preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
      schema: ticketSchema,
      logger,
    });
    try {
      await requireCurrentTicketSchema(db.primary);
    } catch (error) {
      await db.close();
      throw error;
    }
    fromEnv = createTicketWorkerHandler({ db, logger });
  }
  return fromEnv(event);
};
