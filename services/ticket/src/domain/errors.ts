/**
 * ticket-service's domain errors: raised by use cases when a rule refuses, caught where the refusal
 * becomes an answer (a 409, a rejected message). Stores never raise them.
 */

/** A seat's fencing token is older than one already written: that writer's lock expired and was taken over. */
export class StaleFencingTokenError extends Error {
  constructor(readonly seatIds: readonly string[]) {
    super(`stale seat-lock fencing token for seats ${seatIds.join(', ')}`);
    this.name = 'StaleFencingTokenError';
  }
}

/** A message ticket-service cannot apply however often it is retried. */
export class AdmissionRejectedError extends Error {
  constructor(
    readonly reason: 'unknown-event',
    detail: string,
  ) {
    super(detail);
    this.name = 'AdmissionRejectedError';
  }
}
