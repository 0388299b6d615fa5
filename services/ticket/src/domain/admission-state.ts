import type { AdmissionMessage, AdmissionMessageType } from '@urr/common/events/admission-message';

/** Where a user is with an event's booking pages, as queue-service reports it. */
export const admissionStatuses = ['admitted', 'left', 'expired'] as const;
export type AdmissionStatus = (typeof admissionStatuses)[number];

export interface AdmissionState {
  readonly status: AdmissionStatus;
  readonly position: number | null;
  readonly admittedAt: Date | null;
  readonly endedAt: Date | null;
  /** When the message that set `status` happened. */
  readonly changedAt: Date;
  /** How many admissions (re-entries count) the user had. */
  readonly admissionCount: number;
}

const statusOf: Record<AdmissionMessageType, AdmissionStatus> = {
  'queue.admitted': 'admitted',
  'queue.left': 'left',
  'queue.expired': 'expired',
};

/** At the same instant an admission comes before its end. */
const rankOf = (status: AdmissionStatus) => (status === 'admitted' ? 0 : 1);

function isNewer(occurredAt: Date, status: AdmissionStatus, current: AdmissionState): boolean {
  const difference = occurredAt.getTime() - current.changedAt.getTime();
  return difference !== 0 ? difference > 0 : rankOf(status) > rankOf(current.status);
}

/**
 * The state after one more message. The result does not depend on the order messages arrive in (each is
 * applied once): the newest message sets the status, the newest admission sets position and admittedAt,
 * and every admission counts. So a redelivered or late message never undoes a newer one, and one stuck
 * message never has to hold up the others.
 */
export function nextAdmissionState(
  current: AdmissionState | undefined,
  message: Pick<AdmissionMessage, 'type' | 'position'> & { readonly occurredAt: Date },
): AdmissionState {
  const status = statusOf[message.type];
  const admitted = status === 'admitted';
  if (!current)
    return {
      status,
      position: admitted ? message.position : null,
      admittedAt: admitted ? message.occurredAt : null,
      endedAt: admitted ? null : message.occurredAt,
      changedAt: message.occurredAt,
      admissionCount: admitted ? 1 : 0,
    };
  const newestAdmission =
    admitted && (current.admittedAt === null || message.occurredAt > current.admittedAt);
  const newest = isNewer(message.occurredAt, status, current);
  return {
    status: newest ? status : current.status,
    position: newestAdmission ? message.position : current.position,
    admittedAt: newestAdmission ? message.occurredAt : current.admittedAt,
    endedAt: newest ? (admitted ? null : message.occurredAt) : current.endedAt,
    changedAt: newest ? message.occurredAt : current.changedAt,
    admissionCount: current.admissionCount + (admitted ? 1 : 0),
  };
}
