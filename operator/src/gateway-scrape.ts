import { BookingHealthError, type BookingHealthSource } from './booking-health-source.js';
import {
  type BookingRoutes,
  bookingSignals,
  type CountsSnapshot,
  countsOf,
  deltaOf,
  readingOf,
  sumCounts,
} from './booking-signals.js';
import { parseExposition } from './prometheus-text.js';

export interface GatewayScrapeOptions {
  /** The /metrics URLs of the gateway's pods serving a namespace. */
  readonly targets: (namespace: string) => Promise<readonly string[]>;
  readonly routes: BookingRoutes;
  /** @default 2000 */
  readonly timeoutMs?: number;
}

/** A gateway's exposition is tens of kilobytes; more than this is not one (as Prometheus' body_size_limit). */
const maxBodyBytes = 4 * 1024 * 1024;

async function cappedText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw new Error(`answered more than ${maxBodyBytes} bytes`);
    }
    chunks.push(value);
  }
}

async function scrape(url: string, routes: BookingRoutes, timeoutMs: number): Promise<CountsSnapshot> {
  let body: string;
  try {
    const response = await fetch(url, {
      headers: { accept: 'text/plain' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`answered ${response.status}`);
    }
    body = await cappedText(response);
  } catch (error) {
    throw new BookingHealthError(`${url}: ${(error as Error).message}`);
  }
  try {
    if (body.trim() === '') throw new Error('an empty answer');
    return countsOf(parseExposition(body), routes);
  } catch (error) {
    throw new BookingHealthError(`${url}: not Prometheus metrics (${(error as Error).message})`);
  }
}

interface GatewayScrapes {
  readonly urls: readonly string[];
  readonly scrapes: readonly PromiseSettledResult<CountsSnapshot>[];
}

/**
 * Reads the booking path's health from the gateway pods' own /metrics, without a Prometheus: every read
 * scrapes each pod and turns the change since the TicketEvent's previous read into p99 and 5xx ratio.
 * A pod seen for the first time only sets its baseline; a pod that cannot be scraped keeps its old one.
 */
export function scrapedBookingHealth(options: GatewayScrapeOptions): BookingHealthSource {
  const baselines = new Map<string, Map<string, CountsSnapshot>>();
  // The gateway's figures are the namespace's, not one sale's: TicketEvents reconciled at the same time
  // share one scrape of its pods (each still compares it with its own baseline).
  const inFlight = new Map<string, Promise<GatewayScrapes>>();
  const scrapeGateway = async (namespace: string): Promise<GatewayScrapes> => {
    const urls = await options.targets(namespace);
    if (urls.length === 0) throw new BookingHealthError(`no gateway pods to scrape in ${namespace}`);
    const scrapes = await Promise.allSettled(
      urls.map((url) => scrape(url, options.routes, options.timeoutMs ?? 2000)),
    );
    return { urls, scrapes };
  };
  const sharedScrape = (namespace: string): Promise<GatewayScrapes> => {
    const pending = inFlight.get(namespace);
    if (pending) return pending;
    const started = scrapeGateway(namespace).finally(() => inFlight.delete(namespace));
    inFlight.set(namespace, started);
    return started;
  };
  return {
    async read({ key, namespace }) {
      const { urls, scrapes } = await sharedScrape(namespace);
      const failures = scrapes.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
      if (failures.length === urls.length) throw new BookingHealthError(failures.join('; '));
      const previous = baselines.get(key) ?? new Map<string, CountsSnapshot>();
      const next = new Map(previous);
      const deltas: CountsSnapshot[] = [];
      scrapes.forEach((result, index) => {
        if (result.status === 'rejected') return;
        const url = urls[index]!;
        const before = previous.get(url);
        if (before) {
          deltas.push({
            reserve: deltaOf(before.reserve, result.value.reserve),
            confirm: deltaOf(before.confirm, result.value.confirm),
          });
        }
        next.set(url, result.value);
      });
      for (const url of next.keys()) if (!urls.includes(url)) next.delete(url);
      baselines.set(key, next);
      if (deltas.length === 0) return undefined;
      const [reserve, confirm] = bookingSignals.map((signal) =>
        readingOf(sumCounts(deltas.map((delta) => delta[signal]))),
      );
      return { reserve: reserve!, confirm: confirm! };
    },
    forget(key) {
      baselines.delete(key);
    },
  };
}
