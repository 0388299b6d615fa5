import { z } from 'zod';
import { BookingHealthError, type BookingHealthSource } from './booking-health-source.js';
import {
  type BookingRoutes,
  type BookingSignal,
  bookingSignals,
  requestHistogram,
  type SignalReading,
} from './booking-signals.js';

export interface PrometheusHealthOptions {
  /** The Prometheus server, e.g. http://prometheus.monitoring:9090 */
  readonly url: string;
  readonly routes: BookingRoutes;
  /** Label matchers naming the gateway's series in a namespace, without braces. */
  readonly gatewaySelector: (namespace: string) => string;
  /** The rate window, a PromQL duration. @default '1m' */
  readonly window?: string;
  /** @default 2000 */
  readonly timeoutMs?: number;
}

const vectorAnswer = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ value: z.tuple([z.number(), z.string()]) })),
  }),
});

const quote = (value: string) => JSON.stringify(value);

/** Reads the same signals as the scrape, through Prometheus' instant-query API (`/api/v1/query`). */
export function prometheusBookingHealth(options: PrometheusHealthOptions): BookingHealthSource {
  const base = options.url.replace(/\/+$/, '');
  const window = options.window ?? '1m';

  async function scalar(query: string): Promise<number | undefined> {
    const url = `${base}/api/v1/query?${new URLSearchParams({ query })}`;
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 2000) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new BookingHealthError(`Prometheus at ${base}: ${(error as Error).message}`);
    }
    const parsed = vectorAnswer.safeParse(body);
    if (!parsed.success) throw new BookingHealthError(`Prometheus at ${base}: not an instant vector answer`);
    const value = Number(parsed.data.data.result[0]?.value[1]);
    return Number.isFinite(value) ? value : undefined;
  }

  async function signal(namespace: string, which: BookingSignal): Promise<SignalReading> {
    const { method, route } = options.routes[which];
    const series = `${options.gatewaySelector(namespace)},method=${quote(method)},route=${quote(route)}`;
    const [p99, requests, errors] = await Promise.all([
      scalar(
        `histogram_quantile(0.99, sum by (le) (rate(${requestHistogram}_bucket{${series}}[${window}])))`,
      ),
      scalar(`sum(increase(${requestHistogram}_count{${series}}[${window}]))`),
      scalar(`sum(increase(${requestHistogram}_count{${series},status_code=~"5.."}[${window}]))`),
    ]);
    return {
      requests: Math.round(requests ?? 0),
      errors: Math.round(errors ?? 0),
      ...(p99 === undefined ? {} : { p99Ms: Math.round(p99 * 1000) }),
    };
  }

  return {
    async read({ namespace }) {
      const [reserve, confirm] = await Promise.all(bookingSignals.map((which) => signal(namespace, which)));
      return { reserve: reserve!, confirm: confirm! };
    },
    forget() {},
  };
}
