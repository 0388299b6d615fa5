import { describe, expect, it } from 'vitest';
import { checkBookingHealth, healthStatus, pacingReason } from './booking-health-check.js';
import { BookingHealthError, type BookingHealthSource } from './booking-health-source.js';
import type { BookingHealthReading } from './booking-signals.js';

/** A source handing back what a test sets: the mapping from readings to decisions is pure. */
function sourceOf(answer: () => BookingHealthReading | undefined): BookingHealthSource {
  return { read: async () => answer(), forget: () => {} };
}

const now = new Date('2026-12-08T10:00:00Z');
const base = {
  scope: { key: 'urr/sale', namespace: 'urr' },
  slo: { reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 0.01 },
  current: 800,
  min: 100,
  max: 1000,
  previous: undefined,
  now,
};
const slow: BookingHealthReading = {
  reserve: { requests: 10, errors: 0, p99Ms: 990 },
  confirm: { requests: 0, errors: 0 },
};

describe('checkBookingHealth', () => {
  it('halves the ceiling on a breach and records the reading', async () => {
    const check = await checkBookingHealth({ ...base, source: sourceOf(() => slow) });
    expect(check).toMatchObject({ verdict: 'Breached', ceiling: 400 });
    expect(check.lastReading).toEqual({
      readAt: now.toISOString(),
      reserveP99Ms: 990,
      errorRatio: 0,
      requests: 10,
    });
  });

  it('keeps the step and the last reading when the metrics cannot be read', async () => {
    const lastReading = { readAt: '2026-12-08T09:59:00.000Z', reserveP99Ms: 40, errorRatio: 0, requests: 12 };
    const check = await checkBookingHealth({
      ...base,
      previous: {
        verdict: 'Healthy',
        reason: 'Healthy',
        message: '',
        checkedAt: lastReading.readAt,
        lastReading,
      },
      source: sourceOf(() => {
        throw new BookingHealthError('http://10.0.0.1:3001/metrics: fetch failed');
      }),
    });
    expect(check).toMatchObject({ verdict: 'Unavailable', ceiling: 800, lastReading });
    expect(check.message).toContain('admit step kept at 800: http://10.0.0.1:3001/metrics: fetch failed');
  });

  it('keeps the step on a first look, with no window yet', async () => {
    const check = await checkBookingHealth({ ...base, source: sourceOf(() => undefined) });
    expect(check).toMatchObject({ verdict: 'WarmingUp', ceiling: 800 });
  });
});

describe('pacingReason', () => {
  const healthy = { verdict: 'Healthy', ceiling: 900, message: '' } as const;

  it('calls a rise after a slowdown a recovery, until the step stops rising', () => {
    expect(pacingReason(healthy, { before: 400, after: 500 }, 'AdmissionSlowed')).toBe('AdmissionRecovered');
    expect(pacingReason(healthy, { before: 500, after: 600 }, 'AdmissionRecovered')).toBe(
      'AdmissionRecovered',
    );
    expect(pacingReason(healthy, { before: 1000, after: 1000 }, 'AdmissionRecovered')).toBe('Healthy');
    expect(pacingReason(healthy, { before: 500, after: 600 }, 'Healthy')).toBe('Healthy');
  });

  it('names a breach, an outage and a first look', () => {
    const step = { before: 800, after: 400 };
    expect(pacingReason({ ...healthy, verdict: 'Breached' }, step, undefined)).toBe('AdmissionSlowed');
    expect(pacingReason({ ...healthy, verdict: 'Unavailable' }, step, undefined)).toBe('HealthUnavailable');
    expect(pacingReason({ ...healthy, verdict: 'WarmingUp' }, step, undefined)).toBe('WarmingUp');
  });

  it('writes the step change in front of the figures', () => {
    const status = healthStatus(
      { ...healthy, verdict: 'Breached', message: 'reserve p99 990 ms (SLO 300 ms, 10 requests)' },
      'AdmissionSlowed',
      { before: 800, after: 400 },
      now,
    );
    expect(status.message).toBe('admit step 800 → 400: reserve p99 990 ms (SLO 300 ms, 10 requests)');
  });
});
