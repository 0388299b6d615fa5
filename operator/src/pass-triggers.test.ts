import { describe, expect, it } from 'vitest';
import { callsForPass, type TriggerFields, triggerFieldsOf } from './pass-triggers.js';
import { cleanupFinalizer, type TicketEventObject } from './ticket-event.js';

const fields = (changes: Partial<TriggerFields> = {}): TriggerFields => ({
  generation: 1,
  deleting: false,
  finalized: true,
  ...changes,
});

describe('which updates of a TicketEvent call for a pass', () => {
  it('reads the generation, the deletion and our finalizer from the object', () => {
    const event: TicketEventObject = {
      apiVersion: 'urr.guru/v1alpha1',
      kind: 'TicketEvent',
      metadata: {
        name: 'a',
        namespace: 'n',
        generation: 3,
        deletionTimestamp: '2026-12-06T05:00:00Z',
        finalizers: ['other', cleanupFinalizer],
      },
    };
    expect(triggerFieldsOf(event)).toEqual({ generation: 3, deleting: true, finalized: true });
    expect(triggerFieldsOf({ ...event, metadata: { name: 'a', namespace: 'n' } })).toEqual({
      generation: undefined,
      deleting: false,
      finalized: false,
    });
  });

  it('a spec change, a deletion, the finalizer taken off, or an object not seen before: yes', () => {
    expect(callsForPass(fields(), fields({ generation: 2 }))).toBe(true);
    expect(callsForPass(fields(), fields({ deleting: true }))).toBe(true);
    expect(callsForPass(fields(), fields({ finalized: false }))).toBe(true);
    expect(callsForPass(undefined, fields())).toBe(true);
  });

  it('the operator’s own writes — the status, the finalizer added by the running pass: no', () => {
    expect(callsForPass(fields(), fields())).toBe(false);
    expect(callsForPass(fields({ finalized: false }), fields({ finalized: true }))).toBe(false);
  });
});
