import { type DbClient, sqlStateOf, z } from '@urr/common';
import type { AdmissionMessage } from '@urr/common/events/admission-message';
import { lockAdmission, recordAdmissionMessage, saveAdmission } from '../db/admission-store.js';
import { nextAdmissionState } from '../domain/admission-state.js';
import { AdmissionRejectedError } from '../domain/errors.js';

export type AdmissionOutcome = 'applied' | 'duplicate';

const eventIdSchema = z.uuid();

const foreignKeyViolation = '23503';

/**
 * Applies one of queue-service's admission messages to ticket_db inside `tx` (the ticket-worker's
 * transaction): the message id is recorded, so a redelivery is a `duplicate` that changes nothing, and
 * the user's admission moves on by the order-independent rule of `nextAdmissionState`. Throws
 * {@link AdmissionRejectedError} for an event ticket-service does not sell.
 */
export async function applyAdmissionMessage(
  tx: DbClient,
  message: AdmissionMessage,
): Promise<AdmissionOutcome> {
  const unknownEvent = () =>
    new AdmissionRejectedError('unknown-event', `no event ${message.eventId} in ticket-service`);
  if (!eventIdSchema.safeParse(message.eventId).success) throw unknownEvent();
  // The message's foreign key to its event refuses an unknown one, so no read of the event comes first.
  const recorded = await recordAdmissionMessage(tx, message).catch((error: unknown) => {
    throw sqlStateOf(error) === foreignKeyViolation ? unknownEvent() : error;
  });
  if (!recorded) return 'duplicate';
  const change = { type: message.type, position: message.position, occurredAt: new Date(message.occurredAt) };
  for (;;) {
    const current = await lockAdmission(tx, message.eventId, message.userId);
    const saved = await saveAdmission(
      tx,
      message.eventId,
      message.userId,
      nextAdmissionState(current, change),
      current !== undefined,
    );
    // Not saved: another transaction inserted the user's first row meanwhile; lock and apply to it.
    if (saved) return 'applied';
  }
}
