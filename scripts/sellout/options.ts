import { parseArgs } from 'node:util';

/** What one `npm run sellout` plays; every load is bounded by count and time. */
export interface SelloutOptions {
  readonly fans: number;
  readonly seats: number;
  /** Standing tickets of the second sale (0: no standing sale). */
  readonly standing: number;
  /** Arrivals are spread over this many seconds after the pre-queue opens. */
  readonly arrivalSeconds: number;
  /** Seconds between the first arrivals (pre-queue) and the opening. */
  readonly preQueueSeconds: number;
  readonly faults: boolean;
  readonly seed: number;
  /** Seconds the idle stack's CPU is measured before the sale, the standing cost (0: not measured). */
  readonly idleSeconds: number;
  /** The run stops by itself after this many seconds, whatever is left. */
  readonly timeLimitSeconds: number;
  /** The local edge, as browsers reach it (loopback only). */
  readonly edgeUrl: string;
  /** Where the JSON and the HTML report go. */
  readonly outDir: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const usage = `npm run sellout -- [--fans N] [--seats N] [--standing N] [--arrival-seconds S] [--pre-queue-seconds S]
                      [--faults | --no-faults] [--seed N] [--idle-seconds S] [--time-limit S] [--edge URL]
                      [--out DIR]`;

function positiveInteger(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new Error(`--${name} takes a whole number of at least ${min}, not "${value}"\n${usage}`);
  return parsed;
}

export function parseSelloutOptions(argv: readonly string[]): SelloutOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      fans: { type: 'string' },
      seats: { type: 'string' },
      standing: { type: 'string' },
      'arrival-seconds': { type: 'string' },
      'pre-queue-seconds': { type: 'string' },
      faults: { type: 'boolean' },
      'no-faults': { type: 'boolean' },
      seed: { type: 'string' },
      'idle-seconds': { type: 'string' },
      'time-limit': { type: 'string' },
      edge: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (values.faults && values['no-faults']) throw new Error(`--faults and --no-faults together\n${usage}`);
  const edgeUrl = (values.edge ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(edgeUrl).hostname;
  } catch {
    throw new Error(`--edge is not a URL: ${edgeUrl}\n${usage}`);
  }
  if (!loopbackHosts.has(host))
    throw new Error(`--edge must be on loopback (the load targets only this machine's stack), not ${host}`);
  const fans = positiveInteger('fans', values.fans, 20_000);
  if (fans > 50_000) throw new Error(`--fans is bounded at 50000 (this runs on one machine), not ${fans}`);
  const seats = positiveInteger('seats', values.seats, 2_000);
  if (seats > 10_000) throw new Error(`--seats is bounded at 10000, not ${seats}`);
  return {
    fans,
    seats,
    standing: positiveInteger('standing', values.standing, Math.max(20, Math.round(seats / 10)), 0),
    arrivalSeconds: positiveInteger('arrival-seconds', values['arrival-seconds'], 60),
    preQueueSeconds: positiveInteger('pre-queue-seconds', values['pre-queue-seconds'], 15),
    faults: !values['no-faults'],
    seed: positiveInteger('seed', values.seed, 1, 0),
    idleSeconds: positiveInteger('idle-seconds', values['idle-seconds'], 10, 0),
    timeLimitSeconds: positiveInteger('time-limit', values['time-limit'], 900),
    edgeUrl,
    outDir: values.out ?? 'sellout-results',
  };
}
