import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The topics, named in one place: the design's four, plus `catalog-events` (ticket-service's event
 * catalogue changes, which catalog-service's read model follows; see docs/adr/0004) and `queue-events`
 * (queue-service's line changes and sale samples, which stats-service's sale report follows; see
 * docs/adr/0041).
 */
export const topics = {
  payment: 'payment-events',
  reservation: 'reservation-events',
  transfer: 'transfer-events',
  membership: 'membership-events',
  catalog: 'catalog-events',
  queue: 'queue-events',
  /** ticket-service's waiting-list offers, for e-mail and push (docs/adr/0042). */
  waitingList: 'waiting-list-events',
} as const;

/** What every Kafka message carries; `payload` is validated by the consumer against the schema for `type`. */
export const eventEnvelopeSchema = z.object({
  /** Unique per event; consumers record it to apply each event once. */
  id: z.uuid(),
  /** e.g. `reservation.confirmed`. */
  type: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  schemaVersion: z.number().int().positive(),
  payload: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<Payload extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'payload'
> & { payload: Payload };

export interface NewEvent<Payload extends Record<string, unknown>> {
  readonly type: string;
  readonly payload: Payload;
  /** @default 1 */
  readonly schemaVersion?: number;
  /** @default a new random uuid */
  readonly id?: string;
  /** @default now */
  readonly occurredAt?: Date;
}

export function createEnvelope<Payload extends Record<string, unknown>>(
  event: NewEvent<Payload>,
): EventEnvelope<Payload> {
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    schemaVersion: event.schemaVersion ?? 1,
    payload: event.payload,
  };
}
