import type { ConsumerTransaction, EventEnvelope } from '@urr/common';
import { queueEvents } from '@urr/common/events/queue-events';
import { saveLineFact, saveSample } from '../db/sale-report-store.js';

type Tx = ConsumerTransaction;

/** How each `queue-events` type lands in the sale report's projection (docs/adr/0041). */
export const queueEventAppliers: Record<string, (tx: Tx, envelope: EventEnvelope) => Promise<void>> = {
  'queue.arrived': async (tx, envelope) => {
    const fact = queueEvents['queue.arrived'].parse(envelope.payload);
    await saveLineFact(tx, {
      messageId: envelope.id,
      eventId: fact.eventId,
      kind: 'arrived',
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      admittedAtOnce: fact.admittedAtOnce,
      occurredAt: new Date(envelope.occurredAt),
    });
  },
  'queue.admitted': async (tx, envelope) => {
    const fact = queueEvents['queue.admitted'].parse(envelope.payload);
    await saveLineFact(tx, {
      messageId: envelope.id,
      eventId: fact.eventId,
      kind: 'admitted',
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      occurredAt: new Date(envelope.occurredAt),
    });
  },
  'queue.left': async (tx, envelope) => {
    const fact = queueEvents['queue.left'].parse(envelope.payload);
    await saveLineFact(tx, {
      messageId: envelope.id,
      eventId: fact.eventId,
      kind: 'left',
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      wasAdmitted: fact.wasAdmitted,
      occurredAt: new Date(envelope.occurredAt),
    });
  },
  'queue.expired': async (tx, envelope) => {
    const fact = queueEvents['queue.expired'].parse(envelope.payload);
    await saveLineFact(tx, {
      messageId: envelope.id,
      eventId: fact.eventId,
      kind: 'expired',
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      occurredAt: new Date(envelope.occurredAt),
    });
  },
  'queue.sampled': async (tx, envelope) => {
    const sample = queueEvents['queue.sampled'].parse(envelope.payload);
    await saveSample(tx, {
      messageId: envelope.id,
      eventId: sample.eventId,
      sampledAt: new Date(envelope.occurredAt),
      servingCounter: sample.tier1?.servingCounter ?? null,
      highestPosition: sample.tier1?.highestPosition ?? null,
      ...sample.tier2,
      seatsTotal: sample.seats?.total ?? null,
      seatsSold: sample.seats?.sold ?? null,
      seatsHeld: sample.seats?.held ?? null,
    });
  },
};
