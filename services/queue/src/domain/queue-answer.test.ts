import { describe, expect, it } from 'vitest';
import { answerOf } from './queue-answer.js';
import type { Tier2View } from './tier2-view.js';

const view = (overrides: Partial<Tier2View>): Tier2View => ({
  state: 'waiting',
  arrival: 47,
  rank: 46,
  waiting: 175,
  active: 100,
  maxUsers: 100,
  threshold: 0,
  status: 'open',
  admittedTotal: 500,
  nowMs: 0,
  ...overrides,
});
const context = { eventId: 'e', admissionsPerSecond: undefined, activeTtlSeconds: 600 };

describe('answerOf', () => {
  it('tells a waiting user the place, the people ahead and behind, and the wait at the measured rate', () => {
    expect(answerOf(view({}), { ...context, admissionsPerSecond: 0.8 })).toEqual({
      eventId: 'e',
      state: 'waiting',
      queueStatus: 'open',
      queueNumber: 47,
      position: 47,
      ahead: 46,
      behind: 128,
      etaSeconds: 59,
      etaBasis: 'measured',
      pollAfterSeconds: 6,
    });
  });

  it('estimates from maxUsers and the slot TTL before anything was measured', () => {
    // 100 slots turning over within 600 s: one admission per 6 s, the 47th in 282 s.
    expect(answerOf(view({}), context)).toMatchObject({
      etaSeconds: 282,
      etaBasis: 'estimated',
      pollAfterSeconds: 15,
    });
    expect(answerOf(view({}), { ...context, admissionsPerSecond: 0 }).etaBasis).toBe('estimated');
  });

  it('gives no wait while the line does not move', () => {
    for (const status of ['paused', 'soldout', 'closed'] as const)
      expect(answerOf(view({ status }), { ...context, admissionsPerSecond: 5 })).toMatchObject({
        state: 'waiting',
        queueStatus: status,
        etaSeconds: null,
        etaBasis: null,
        pollAfterSeconds: 15,
      });
    expect(answerOf(view({ maxUsers: 0 }), context).etaSeconds).toBeNull();
  });

  it('asks an admitted user for three heartbeats per TTL', () => {
    expect(answerOf(view({ state: 'admitted', rank: null }), context)).toMatchObject({
      state: 'admitted',
      queueNumber: 47,
      position: null,
      etaSeconds: 0,
      pollAfterSeconds: 200,
    });
    expect(
      answerOf(view({ state: 'admitted', rank: null }), { ...context, activeTtlSeconds: 1 }).pollAfterSeconds,
    ).toBe(1);
  });

  it('tells a user who is not in line', () => {
    expect(answerOf(view({ state: 'absent', rank: null }), context)).toMatchObject({
      state: 'not-in-line',
      queueNumber: null,
      position: null,
      etaSeconds: null,
    });
  });
});
