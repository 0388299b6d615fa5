import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatencies } from './latency-summary.js';

describe('summarizeLatencies', () => {
  it('takes nearest-rank percentiles of a hundred calls', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(latencies)).toEqual({
      count: 100,
      p50Ms: 50,
      p90Ms: 90,
      p99Ms: 99,
      maxMs: 100,
    });
  });

  it('answers the one call for every percentile of a single call', () => {
    expect(summarizeLatencies([12.345])).toEqual({
      count: 1,
      p50Ms: 12.3,
      p90Ms: 12.3,
      p99Ms: 12.3,
      maxMs: 12.3,
    });
  });

  it('has no figures without calls', () => {
    expect(summarizeLatencies([])).toEqual({ count: 0, p50Ms: null, p90Ms: null, p99Ms: null, maxMs: null });
    expect(percentile([], 0.5)).toBeNull();
  });
});
