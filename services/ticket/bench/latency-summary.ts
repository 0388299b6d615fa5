/** Latency figures of one call over a run: how many, how fast, and the spread. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

/** The nearest-rank percentile `q` (0..1] of ascending `sorted`. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const tenths = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);

export function summarizeLatencies(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: tenths(percentile(sorted, 0.5)),
    p90Ms: tenths(percentile(sorted, 0.9)),
    p99Ms: tenths(percentile(sorted, 0.99)),
    maxMs: tenths(sorted.at(-1) ?? null),
  };
}
