import { cleanupFinalizer, type TicketEventObject } from './ticket-event.js';

/** What of a TicketEvent decides whether a change to it calls for a pass. */
export interface TriggerFields {
  readonly generation: number | undefined;
  readonly deleting: boolean;
  readonly finalized: boolean;
}

export const triggerFieldsOf = (event: TicketEventObject): TriggerFields => ({
  generation: event.metadata.generation,
  deleting: Boolean(event.metadata.deletionTimestamp),
  finalized: event.metadata.finalizers?.includes(cleanupFinalizer) ?? false,
});

/**
 * Whether an update calls for a pass. The status and the finalizer's appearance are the operator's
 * own writes (the pass that added the finalizer is still running), so neither does; a spec change
 * (a new generation), a deletion and the finalizer's removal do, as does an object not seen before.
 */
export function callsForPass(before: TriggerFields | undefined, now: TriggerFields): boolean {
  if (!before) return true;
  return (
    before.generation !== now.generation ||
    before.deleting !== now.deleting ||
    (before.finalized && !now.finalized)
  );
}
