import { describe, expect, it } from 'vitest';
import { estimateWait } from './eta.js';
import { emptyRoom } from './room.js';

describe('waiting-time estimate', () => {
  const now = 1_000_000;
  const room = { ...emptyRoom('event-1'), active: true, servingCounter: 1000, lastAdvancedAt: now - 4_000 };

  it('counts whole cycles at the measured rate after the next advance', () => {
    expect(estimateWait({ ...room, admissionRate: 50 }, 1001, now)).toEqual({
      etaSeconds: 6,
      pollAfterSeconds: 2,
    });
    expect(estimateWait({ ...room, admissionRate: 50 }, 2600, now)).toEqual({
      etaSeconds: 36,
      pollAfterSeconds: 12,
    });
  });

  it('uses the settings until a rate was measured, and never suggests polling slower than every 15 s', () => {
    expect(estimateWait(room, 20_000, now)).toMatchObject({ etaSeconds: 376, pollAfterSeconds: 15 });
  });
});
