import { createDatabase, createLogger, type Database, type Logger, withTransaction } from '@urr/common';
import { type AdmissionMessage, parseAdmissionMessage } from '@urr/common/events/admission-message';
import {
  type AdmissionOutcome,
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

/** Where a record came from, for its log lines. */
function whereOf(record: SQSRecord) {
  return {
    messageId: record.messageId,
    receiveCount: Number(record.attributes.ApproximateReceiveCount),
    groupId: record.attributes.MessageGroupId,
  };
}

/** The record's admission message, or undefined (logged) when it is not one: it can never apply. */
function parseRecord(deps: TicketWorkerDeps, record: SQSRecord): AdmissionMessage | undefined {
  try {
    return parseAdmissionMessage(record.body);
  } catch (error) {
    deps.logger.error({ ...whereOf(record), err: error }, 'poisoned message: not an admission message');
    return undefined;
  }
}

interface ParsedRecord {
  readonly record: SQSRecord;
  readonly message: AdmissionMessage;
}

function logApplied(deps: TicketWorkerDeps, { record, message }: ParsedRecord, outcome: AdmissionOutcome) {
  deps.logger.info(
    { ...whereOf(record), id: message.id, type: message.type, eventId: message.eventId, outcome },
    'admission message',
  );
}

/** One record in a transaction of its own: applied once through ticket-service's domain code, or why not. */
async function applyAlone(deps: TicketWorkerDeps, parsed: ParsedRecord): Promise<RecordOutcome> {
  const { record, message } = parsed;
  try {
    const outcome = await withTransaction(deps.db.primary, (tx) => applyAdmissionMessage(tx, message));
    logApplied(deps, parsed, outcome);
    return outcome;
  } catch (error) {
    if (error instanceof AdmissionRejectedError) {
      deps.logger.error(
        { ...whereOf(record), id: message.id, reason: error.reason, err: error },
        'admission message rejected',
      );
      return 'rejected';
    }
    deps.logger.warn(
      { ...whereOf(record), id: message.id, err: error },
      'admission message not applied; SQS redelivers it',
    );
    return 'failed';
  }
}

/**
 * All records in one transaction, which saves a begin and a commit per message; true once committed.
 * Any failure (a rejected message, a lost connection, a deadlock) rolls all of them back, and the caller
 * applies them one by one, so each record still ends applied, rejected or failed on its own.
 */
async function applyTogether(deps: TicketWorkerDeps, batch: readonly ParsedRecord[]): Promise<boolean> {
  let outcomes: AdmissionOutcome[];
  try {
    outcomes = await withTransaction(deps.db.primary, async (tx) => {
      const applied: AdmissionOutcome[] = [];
      for (const { message } of batch) applied.push(await applyAdmissionMessage(tx, message));
      return applied;
    });
  } catch (error) {
    deps.logger.info(
      { records: batch.length, err: error },
      'admission messages not applied together; applying them one by one',
    );
    return false;
  }
  for (const [index, parsed] of batch.entries()) logApplied(deps, parsed, outcomes[index]!);
  deps.logger.info({ records: batch.length }, 'admission messages applied together');
  return true;
}

/**
 * The SQS handler for `ticket-events.fifo` (Lambda with `ReportBatchItemFailures`). The batch's admission
 * messages are applied in one transaction, or, when that fails, each on its own, and only the records that
 * failed are reported, so SQS deletes the rest; a failed record comes back after its visibility timeout,
 * and after 3 receives the redrive policy moves it to the DLQ. Records of one message group are not held
 * up behind a failed one: the ledger's rule does not depend on the order messages are applied in
 * (ticket-service's `nextAdmissionState`), so a poisoned message never drags the messages after it into
 * the DLQ.
 */
export function createTicketWorkerHandler(deps: TicketWorkerDeps) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const parsed: ParsedRecord[] = [];
    for (const record of event.Records) {
      const message = parseRecord(deps, record);
      if (message) parsed.push({ record, message });
      else batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    if (parsed.length > 1 && (await applyTogether(deps, parsed))) return { batchItemFailures };
    for (const one of parsed) {
      const outcome = await applyAlone(deps, one);
      if (outcome === 'rejected' || outcome === 'failed')
        batchItemFailures.push({ itemIdentifier: one.record.messageId });
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
