import { describe, expect, it } from 'vitest';
import { tuneAdmitStep } from './capacity-tuning.js';

const base = { current: 500, min: 100, max: 2000, maxActiveUsers: 1000 };

describe('tuneAdmitStep', () => {
  it('halves the step when the Tier-2 queue backs up past twice its active slots, not below min', () => {
    expect(tuneAdmitStep({ ...base, waiting: 2001 })).toMatchObject({
      admitStep: 250,
      reason: 'QueueBacklog',
    });
    expect(tuneAdmitStep({ ...base, current: 150, waiting: 5000 }).admitStep).toBe(100);
  });

  it('raises the step by a tenth of max while the queue drains, not above max', () => {
    expect(tuneAdmitStep({ ...base, waiting: 100 })).toMatchObject({
      admitStep: 700,
      reason: 'QueueDraining',
    });
    expect(tuneAdmitStep({ ...base, current: 1950, waiting: 0 }).admitStep).toBe(2000);
  });

  it('holds the step when the queue holds about one round of users', () => {
    expect(tuneAdmitStep({ ...base, waiting: 1500 })).toMatchObject({ admitStep: 500, reason: 'Steady' });
  });

  it('admits no more than the seats left after those already queued, within the bounds', () => {
    const decision = tuneAdmitStep({ ...base, waiting: 100, seatsLeft: 400 });
    expect(decision).toMatchObject({ admitStep: 300, reason: 'FewSeatsLeft' });
    expect(decision.message).toContain('400 seats left');
    expect(tuneAdmitStep({ ...base, waiting: 900, seatsLeft: 400 }).admitStep).toBe(100);
  });

  it('brings a step from before a spec edit back inside the new bounds', () => {
    expect(tuneAdmitStep({ ...base, current: 5000, waiting: 1500 }).admitStep).toBe(2000);
  });
});
