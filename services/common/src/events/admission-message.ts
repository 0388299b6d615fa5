import { z } from 'zod';

/**
 * The messages queue-service sends to the SQS FIFO queue `ticket-events.fifo` (MessageGroupId = eventId,
 * MessageDeduplicationId = id) and the ticket-worker Lambda applies to ticket_db. They describe one
 * user's admission to an event's booking pages: it starts (`queue.admitted`) and ends either by the user
 * (`queue.left`) or by the missing heartbeat (`queue.expired`). Delivery is at least once; within SQS's
 * five-minute deduplication window a repeated id is dropped, and a consumer keeps its own record of
 * applied ids for anything later.
 */
export const admissionMessageTypes = ['queue.admitted', 'queue.left', 'queue.expired'] as const;
export type AdmissionMessageType = (typeof admissionMessageTypes)[number];

export const admissionMessageSchema = z.object({
  /** Unique per message; also the SQS MessageDeduplicationId (≤ 128 printable ASCII characters). */
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[!-~]+$/),
  type: z.enum(admissionMessageTypes),
  eventId: z.string().min(1).max(64),
  userId: z.string().min(1).max(128),
  /** ISO 8601 time of the change, from Redis's clock. */
  occurredAt: z.iso.datetime({ offset: true }),
  /**
   * The user's arrival number in the event's line (`{eventId}:counter`), which orders admissions;
   * null when the user was not numbered.
   */
  position: z.number().int().positive().nullable(),
});

export type AdmissionMessage = z.infer<typeof admissionMessageSchema>;

/** Parses an SQS message body; throws a ZodError (or SyntaxError) on anything else. */
export function parseAdmissionMessage(body: string): AdmissionMessage {
  return admissionMessageSchema.parse(JSON.parse(body));
}
