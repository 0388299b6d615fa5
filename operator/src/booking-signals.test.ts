import { describe, expect, it } from 'vitest';
import {
  countsOf,
  defaultBookingRoutes,
  deltaOf,
  type HistogramCounts,
  histogramQuantile,
  parseRouteSelector,
  readingOf,
  sumCounts,
} from './booking-signals.js';
import type { Sample } from './prometheus-text.js';

const bucketSeries = (route: string, status: string, counts: Record<string, number>): Sample[] => [
  ...Object.entries(counts).map(([le, value]) => ({
    name: 'http_request_duration_seconds_bucket',
    labels: { method: 'POST', route, status_code: status, le },
    value,
  })),
  {
    name: 'http_request_duration_seconds_count',
    labels: { method: 'POST', route, status_code: status },
    value: counts['+Inf']!,
  },
];

const counts = (buckets: [number, number][], errors = 0): HistogramCounts => ({
  buckets: new Map(buckets),
  count: buckets.at(-1)![1],
  errors,
});

describe('booking signals from the gateway histogram', () => {
  it('sums status codes per route, counts 5xx apart, and ignores other routes and methods', () => {
    const reserve = defaultBookingRoutes.reserve.route;
    const snapshot = countsOf(
      [
        ...bucketSeries(reserve, '201', { '0.1': 8, '0.5': 9, '+Inf': 10 }),
        ...bucketSeries(reserve, '503', { '0.1': 1, '0.5': 2, '+Inf': 2 }),
        ...bucketSeries('/api/v1/events', '200', { '0.1': 500, '0.5': 500, '+Inf': 500 }),
        { name: 'http_request_duration_seconds_count', labels: { method: 'GET', route: reserve }, value: 99 },
      ],
      defaultBookingRoutes,
    );
    expect(snapshot.reserve.count).toBe(12);
    expect(snapshot.reserve.errors).toBe(2);
    expect([...snapshot.reserve.buckets]).toEqual([
      [0.1, 9],
      [0.5, 11],
      [Number.POSITIVE_INFINITY, 12],
    ]);
    expect(snapshot.confirm.count).toBe(0);
  });

  it('takes the difference between two scrapes of one process', () => {
    const delta = deltaOf(
      counts(
        [
          [0.1, 10],
          [Infinity, 12],
        ],
        1,
      ),
      counts(
        [
          [0.1, 15],
          [Infinity, 30],
        ],
        3,
      ),
    );
    expect(delta).toEqual(
      counts(
        [
          [0.1, 5],
          [Infinity, 18],
        ],
        2,
      ),
    );
  });

  it('reads a counter that went down as a restart: everything since counts, nothing negative', () => {
    const before = counts(
      [
        [0.1, 900],
        [Infinity, 1000],
      ],
      10,
    );
    const afterRestart = counts(
      [
        [0.1, 3],
        [Infinity, 5],
      ],
      0,
    );
    expect(deltaOf(before, afterRestart)).toEqual(afterRestart);
    const bucketOnlyDrop = {
      ...counts(
        [
          [0.1, 800],
          [Infinity, 1000],
        ],
        10,
      ),
    };
    expect(deltaOf(before, bucketOnlyDrop)).toEqual(bucketOnlyDrop);
  });

  it('adds pods together', () => {
    expect(
      sumCounts([
        counts(
          [
            [0.5, 1],
            [Infinity, 2],
          ],
          1,
        ),
        counts([
          [0.5, 3],
          [Infinity, 3],
        ]),
      ]),
    ).toEqual(
      counts(
        [
          [0.5, 4],
          [Infinity, 5],
        ],
        1,
      ),
    );
  });

  it('interpolates the quantile inside its bucket as histogram_quantile does', () => {
    const buckets = new Map([
      [0.1, 90],
      [0.5, 99],
      [1, 100],
      [Infinity, 100],
    ]);
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1 * (50 / 90));
    expect(histogramQuantile(0.99, buckets)).toBeCloseTo(0.5);
    expect(histogramQuantile(0.995, buckets)).toBeCloseTo(0.75);
    expect(
      histogramQuantile(
        0.99,
        new Map([
          [0.1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeUndefined();
    expect(
      histogramQuantile(
        0.99,
        new Map([
          [10, 1],
          [Infinity, 100],
        ]),
      ),
    ).toBe(10);
  });

  it('turns counts into a reading in milliseconds', () => {
    expect(
      readingOf(
        counts(
          [
            [0.5, 0],
            [1, 10],
            [Infinity, 10],
          ],
          0,
        ),
      ),
    ).toEqual({
      requests: 10,
      errors: 0,
      p99Ms: 995,
    });
    expect(
      readingOf(
        counts([
          [0.5, 0],
          [Infinity, 0],
        ]),
      ),
    ).toEqual({ requests: 0, errors: 0 });
  });

  it('reads route selectors as METHOD route', () => {
    expect(parseRouteSelector('POST /api/v1/payments/:id/confirm')).toEqual({
      method: 'POST',
      route: '/api/v1/payments/:id/confirm',
    });
    expect(parseRouteSelector('/api/v1/seats/reserve')).toBeUndefined();
  });
});
