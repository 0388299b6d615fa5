import type { Sample } from './prometheus-text.js';

/**
 * The booking path as fans feel it, read from the gateway's request histogram
 * (`http_request_duration_seconds`, labels method, route, status_code; see docs/adr/0036).
 */
export const requestHistogram = 'http_request_duration_seconds';

export const bookingSignals = ['reserve', 'confirm'] as const;
export type BookingSignal = (typeof bookingSignals)[number];

/** Which series of the histogram make one signal: the method and the route template they are labelled with. */
export interface RouteSelector {
  readonly method: string;
  readonly route: string;
}
export type BookingRoutes = Readonly<Record<BookingSignal, RouteSelector>>;

/** The public route templates of seat reserve and payment confirm. */
export const defaultBookingRoutes: BookingRoutes = {
  reserve: { method: 'POST', route: '/api/v1/seats/reserve' },
  confirm: { method: 'POST', route: '/api/v1/payments/:id/confirm' },
};

/** `POST /api/v1/seats/reserve` → a selector; undefined when the text is not `METHOD route`. */
export function parseRouteSelector(text: string): RouteSelector | undefined {
  const match = /^([A-Z]+)\s+(\/\S*)$/.exec(text.trim());
  return match ? { method: match[1]!, route: match[2]! } : undefined;
}

/** Cumulative histogram counts of one signal: bucket upper bound (seconds) → requests at or under it. */
export interface HistogramCounts {
  readonly buckets: ReadonlyMap<number, number>;
  readonly count: number;
  /** Requests answered with a 5xx status. */
  readonly errors: number;
}

/** One target's counts per signal, as of one scrape. */
export type CountsSnapshot = Readonly<Record<BookingSignal, HistogramCounts>>;

const empty = (): { buckets: Map<number, number>; count: number; errors: number } => ({
  buckets: new Map(),
  count: 0,
  errors: 0,
});

const isServerError = (status: string | undefined) => status !== undefined && /^5\d\d$/.test(status);

/** Sums one scrape's histogram series into per-signal counts (all status codes together, 5xx apart). */
export function countsOf(samples: readonly Sample[], routes: BookingRoutes): CountsSnapshot {
  const counts = { reserve: empty(), confirm: empty() };
  for (const sample of samples) {
    const signal = bookingSignals.find(
      (s) => sample.labels.method === routes[s].method && sample.labels.route === routes[s].route,
    );
    if (!signal || !Number.isFinite(sample.value) || sample.value < 0) continue;
    const into = counts[signal];
    if (sample.name === `${requestHistogram}_bucket`) {
      const le = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
      if (Number.isNaN(le)) continue;
      into.buckets.set(le, (into.buckets.get(le) ?? 0) + sample.value);
    } else if (sample.name === `${requestHistogram}_count`) {
      into.count += sample.value;
      if (isServerError(sample.labels.status_code)) into.errors += sample.value;
    }
  }
  return counts;
}

/**
 * What happened between two scrapes of one target. A count that went down means the process restarted
 * (its counters began again at zero): everything it counted since is new, as Prometheus' rate() reads it.
 */
export function deltaOf(previous: HistogramCounts, current: HistogramCounts): HistogramCounts {
  const reset =
    current.count < previous.count ||
    current.errors < previous.errors ||
    [...current.buckets].some(([le, n]) => n < (previous.buckets.get(le) ?? 0));
  if (reset) return current;
  return {
    buckets: new Map([...current.buckets].map(([le, n]) => [le, n - (previous.buckets.get(le) ?? 0)])),
    count: current.count - previous.count,
    errors: current.errors - previous.errors,
  };
}

export function sumCounts(parts: readonly HistogramCounts[]): HistogramCounts {
  const total = empty();
  for (const part of parts) {
    total.count += part.count;
    total.errors += part.errors;
    for (const [le, n] of part.buckets) total.buckets.set(le, (total.buckets.get(le) ?? 0) + n);
  }
  return total;
}

/**
 * The q-quantile of cumulative bucket counts, interpolated linearly inside its bucket as Prometheus'
 * histogram_quantile() does; in the +Inf bucket it is the highest finite bound. Undefined without requests.
 */
export function histogramQuantile(q: number, buckets: ReadonlyMap<number, number>): number | undefined {
  const sorted = [...buckets].sort(([a], [b]) => a - b);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const [le, cumulative] of sorted) {
    if (cumulative >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lowerBound;
      if (cumulative === lowerCount) return le;
      return lowerBound + (le - lowerBound) * ((rank - lowerCount) / (cumulative - lowerCount));
    }
    lowerBound = le;
    lowerCount = cumulative;
  }
  return lowerBound;
}

/** The health of one signal over a window: requests, 5xx answers among them and the p99 latency. */
export interface SignalReading {
  readonly requests: number;
  readonly errors: number;
  /** Undefined when the window saw no request. */
  readonly p99Ms?: number;
}
export type BookingHealthReading = Readonly<Record<BookingSignal, SignalReading>>;

export function readingOf(counts: HistogramCounts): SignalReading {
  const p99 = histogramQuantile(0.99, counts.buckets);
  return {
    requests: counts.count,
    errors: counts.errors,
    ...(p99 === undefined ? {} : { p99Ms: Math.round(p99 * 1000) }),
  };
}
