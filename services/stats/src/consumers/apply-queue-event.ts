import type { ConsumerTransaction, EventEnvelope } from '@urr/common';
import { queueEvents } from '@urr/common/events/queue-events';
import { saveLineFact, saveSample } from '../db/sale-report-store.js';

type Tx = ConsumerTransaction;
type LineKind = 'arrived' | 'admitted' | 'left' | 'expired';

/** A change of the Tier-2 line, as one row of the line facts; fields a type lacks stay unset. */
const lineFact =
  (type: 'queue.arrived' | 'queue.admitted' | 'queue.left' | 'queue.expired', kind: LineKind) =>
  async (tx: Tx, envelope: EventEnvelope) => {
    const fact: { eventId: string; userId: string; arrival: number | null; sequence: number } & {
      admittedAtOnce?: boolean;
      wasAdmitted?: boolean;
    } = queueEvents[type].parse(envelope.payload);
    await saveLineFact(tx, {
      messageId: envelope.id,
      eventId: fact.eventId,
      kind,
      userId: fact.userId,
      arrival: fact.arrival,
      sequence: fact.sequence,
      admittedAtOnce: fact.admittedAtOnce,
      wasAdmitted: fact.wasAdmitted,
      occurredAt: new Date(envelope.occurredAt),
    });
  };

/** How each `queue-events` type lands in the sale report's projection (docs/adr/0041). */
export const queueEventAppliers: Record<string, (tx: Tx, envelope: EventEnvelope) => Promise<void>> = {
  'queue.arrived': lineFact('queue.arrived', 'arrived'),
  'queue.admitted': lineFact('queue.admitted', 'admitted'),
  'queue.left': lineFact('queue.left', 'left'),
  'queue.expired': lineFact('queue.expired', 'expired'),
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
