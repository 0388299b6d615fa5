import { describe, expect, it } from 'vitest';
import {
  type LineFact,
  maxBuckets,
  percentile,
  type SampleFact,
  saleReport,
  TooManyBucketsError,
} from './sale-report.js';

const options = { eventId: 'e-1', bucketMs: 60_000, fairnessBound: 0 };
const minute = 60_000;
const t0 = Date.UTC(2026, 10, 7, 12, 0, 0);

let sequence = 0;
const line = (
  kind: LineFact['kind'],
  userId: string,
  arrival: number | null,
  at: number,
  extra: Partial<LineFact> = {},
): LineFact => ({
  kind,
  userId,
  arrival,
  sequence: ++sequence,
  admittedAtOnce: kind === 'arrived' ? false : null,
  wasAdmitted: null,
  at,
  ...extra,
});
const sample = (at: number, active: number): SampleFact => ({
  at,
  servingCounter: 10,
  highestPosition: 20,
  waiting: 3,
  active,
  maxUsers: 5,
  seats: { total: 10, sold: 9, held: 3 },
});

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ⌈p·n⌉', () => {
    const values = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('saleReport', () => {
  it('is empty for no facts', () => {
    const report = saleReport({ line: [], samples: [], money: [] }, options);
    expect(report).toMatchObject({ from: null, to: null, buckets: [], wait: { measured: 0, p50Ms: null } });
    expect(report.abandonment.leftWaitingRate).toBe(0);
    expect(report.fairness).toMatchObject({ ranked: 0, outOfOrder: 0, maxDisplacement: 0 });
  });

  it('fills empty buckets between facts and keeps the last sample of a bucket, seats left floored at 0', () => {
    const report = saleReport(
      {
        line: [line('arrived', 'a', 1, t0 + 5000)],
        samples: [sample(t0 + 2 * minute + 50_000, 4), sample(t0 + 2 * minute + 10_000, 1)],
        money: [],
      },
      options,
    );
    expect(report.buckets.map((bucket) => [bucket.arrivals, bucket.active])).toEqual([
      [1, null],
      [0, null],
      [0, 4],
    ]);
    expect(report.buckets[2]?.seatsLeft).toBe(0);
  });

  it('refuses buckets too fine for the span instead of building a huge answer', () => {
    const facts = {
      line: [line('arrived', 'a', 1, t0), line('arrived', 'b', 2, t0 + maxBuckets * 1000)],
      samples: [],
      money: [],
    };
    expect(() => saleReport(facts, { ...options, bucketMs: 1000 })).toThrow(TooManyBucketsError);
    expect(saleReport(facts, { ...options, bucketMs: 2000 }).buckets).toHaveLength(maxBuckets / 2 + 1);
  });

  it('ranks admissions against arrival order and says why one went ahead', () => {
    const report = saleReport(
      {
        line: [
          line('arrived', 'a', 1, t0),
          line('arrived', 'b', 2, t0 + 1),
          line('arrived', 'c', 3, t0 + 2, { admittedAtOnce: true }),
          line('admitted', 'c', 3, t0 + 2),
          line('arrived', 'd', 4, t0 + 3),
          line('admitted', 'd', 4, t0 + 10),
          line('admitted', 'a', 1, t0 + 20),
          line('admitted', 'b', 2, t0 + 30),
          line('admitted', 'z', null, t0 + 40),
        ],
        samples: [],
        money: [],
      },
      options,
    );
    expect(report.fairness).toEqual({
      bound: 0,
      ranked: 4,
      outOfOrder: 2,
      maxDisplacement: 2,
      byReason: { 'admitted-on-arrival': 1, unexplained: 1 },
      worst: [
        {
          userId: 'c',
          arrival: 3,
          arrivalRank: 3,
          admissionRank: 1,
          displacement: 2,
          reason: 'admitted-on-arrival',
        },
        { userId: 'd', arrival: 4, arrivalRank: 4, admissionRank: 2, displacement: 2, reason: 'unexplained' },
      ],
    });
  });

  it('counts a wait only for an admission whose arrival it saw, and a comeback as a new attempt', () => {
    const report = saleReport(
      {
        line: [
          line('arrived', 'a', 1, t0),
          line('left', 'a', 1, t0 + 1000, { wasAdmitted: false }),
          line('arrived', 'a', 7, t0 + 5000),
          line('admitted', 'a', 7, t0 + 9000),
          line('admitted', 'early', null, t0 + 9500),
          line('arrived', 'b', 8, t0 + 6000),
        ],
        samples: [],
        money: [],
      },
      options,
    );
    expect(report.wait).toEqual({ measured: 1, p50Ms: 4000, p90Ms: 4000, p99Ms: 4000, maxMs: 4000 });
    expect(report.abandonment).toEqual({
      arrivals: 3,
      admitted: 1,
      leftWaiting: 1,
      stillWaiting: 1,
      expiredSlots: 0,
      leftWaitingRate: 1 / 3,
    });
  });
});
