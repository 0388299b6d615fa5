import { describe, expect, it } from 'vitest';
import { AdmissionRateMeter } from './admission-rate.js';

describe('AdmissionRateMeter', () => {
  it('has no rate before it has seen five seconds of admissions', () => {
    const meter = new AdmissionRateMeter();
    meter.record('e', 0, 0);
    meter.record('e', 4_000, 40);
    expect(meter.ratePerSecond('e')).toBeUndefined();
    meter.record('e', 5_000, 50);
    expect(meter.ratePerSecond('e')).toBe(10);
  });

  it('measures over the last minute only', () => {
    const meter = new AdmissionRateMeter();
    // A burst of 600 at the opening, then 2 a second.
    meter.record('e', 0, 0);
    meter.record('e', 1_000, 600);
    for (let second = 2; second <= 120; second += 1) meter.record('e', second * 1000, 600 + (second - 1) * 2);
    expect(meter.ratePerSecond('e')).toBeCloseTo(2, 5);
  });

  it('keeps events apart and starts over when an event was set up again', () => {
    const meter = new AdmissionRateMeter();
    meter.record('a', 0, 0);
    meter.record('a', 10_000, 100);
    meter.record('b', 0, 0);
    meter.record('b', 10_000, 10);
    expect(meter.ratePerSecond('a')).toBe(10);
    expect(meter.ratePerSecond('b')).toBe(1);
    meter.record('a', 11_000, 3);
    expect(meter.ratePerSecond('a')).toBeUndefined();
  });

  it('measures right when samples come faster than their spacing', () => {
    const meter = new AdmissionRateMeter({ minSpanMs: 1_000 });
    meter.record('e', 0, 0);
    for (let ms = 1; ms <= 2_000; ms += 1) meter.record('e', ms, ms);
    expect(meter.ratePerSecond('e')).toBe(1000);
  });

  it('forgets the least recently sampled event beyond its limit', () => {
    const meter = new AdmissionRateMeter({ maxEvents: 2, minSpanMs: 0 });
    for (const eventId of ['a', 'b', 'c']) {
      meter.record(eventId, 0, 0);
      meter.record(eventId, 1_000, 5);
    }
    expect(meter.ratePerSecond('a')).toBeUndefined();
    expect(meter.ratePerSecond('c')).toBe(5);
  });
});
