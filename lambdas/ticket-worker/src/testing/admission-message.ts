import { randomUUID } from 'node:crypto';
import type { AdmissionMessage } from '@urr/common/events/admission-message';

/** An admission message as queue-service sends it, with a fresh message id. */
export const admissionMessage = (
  eventId: string,
  userId: string,
  type: AdmissionMessage['type'],
  position: number | null,
): AdmissionMessage => ({
  id: `${eventId}:${type}:${randomUUID()}`,
  type,
  eventId,
  userId,
  occurredAt: new Date().toISOString(),
  position,
});
