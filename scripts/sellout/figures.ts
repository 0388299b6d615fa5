import type { FanOutcome } from './fan.js';
import type { RequestRecord } from './fan-http.js';
import type { FaultRecord } from './faults.js';
import type { CpuReading } from './process-cpu.js';

/** The routes whose latency the report follows. */
export const followedRoutes = {
  seatReserve: 'POST /api/v1/seats/reserve',
  paymentConfirm: 'POST /api/v1/payments/:id/confirm',
  tier1Check: 'GET /vwr-api/vwr/check/:id',
  tier2Status: 'GET /api/v1/queue/:id/status',
} as const;

/** Processes that stand in for AWS or the card network: their CPU is not ours in production. */
export const emulators = new Set(['aws', 'test-psp']);

export interface FanSummary {
  readonly outcome: FanOutcome;
  readonly arrivesAt: number;
  readonly waitMs?: number;
  readonly bookedAt?: number;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function percentilesOf(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { count: sorted.length, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)) };
}

const inFault = (at: number, faults: readonly FaultRecord[]) =>
  faults.some((f) => at >= f.startedAt && at <= f.endedAt + 5000);

export interface RunFigures {
  readonly fans: number;
  readonly outcomes: Record<string, number>;
  readonly bookings: number;
  readonly bookingsPerSecond: { readonly overall: number; readonly peak5s: number };
  readonly openingToSoldOutSeconds: number | null;
  readonly waitSeconds: { readonly p50: number | null; readonly p90: number | null };
  readonly abandonment: number;
  readonly latencyMs: Record<keyof typeof followedRoutes, { all: Percentiles; outsideFaults: Percentiles }>;
  readonly cpuMsPerBooking: {
    readonly ours: number | null;
    readonly emulators: number | null;
    readonly byProcess: Record<string, number | null>;
    /**
     * What the bookings cost beyond the standing cost: each process's CPU minus its idle rate times the
     * measured window, per booking (null when the idle stack was not measured).
     */
    readonly beyondStanding: {
      readonly ours: number | null;
      readonly byProcess: Record<string, number | null>;
    } | null;
  };
  /** CPU ms per second of each process while the stack idled before the sale (null: not measured). */
  readonly standingCpuMsPerSecond: {
    readonly ours: number;
    readonly byProcess: Record<string, number>;
  } | null;
  readonly bareHonoRequestsPerCoreSecond: number | null;
  readonly bareRequestEquivalentsPerBooking: number | null;
  readonly serverErrors: {
    /** 5xx answers, the payment provider's timeouts and the waiting room's busy answers excepted. */
    readonly total: number;
    readonly outsideFaults: number;
    readonly noAnswer: number;
    /**
     * payment-service's 504 when the provider did not answer in time: the answer the test cards that time
     * out are meant to get, so not counted above.
     */
    readonly paymentProviderTimeouts: number;
    /**
     * The edge's 503 `vwr-busy` with Retry-After when more waiting-room calls are in flight than its
     * Lambda concurrency allows (docs/adr/0028): a throttle the fan's page retries, so not counted above.
     */
    readonly waitingRoomBusy: number;
  };
  /** Requests without an answer or with a 5xx, by route and status (0: no answer). */
  readonly failuresByRoute: Record<string, Record<string, number>>;
}

/** payment-service's answer when the payment provider did not answer in time. */
const paymentProviderTimeout = 'urn:urr:problem:payment-provider-timeout';
/** The edge's answer when its waiting-room calls are at their concurrency. */
const waitingRoomBusy = 'urn:urr:problem:vwr-busy';
const countedApart = new Set([paymentProviderTimeout, waitingRoomBusy]);

export function runFigures(input: {
  readonly opensAt: number;
  readonly fans: readonly FanSummary[];
  readonly requests: readonly RequestRecord[];
  readonly faults: readonly FaultRecord[];
  readonly cpu: readonly CpuReading[];
  /** The idle stack's CPU per second, and the length of the window `cpu` was measured over. */
  readonly standing?: { readonly msPerSecond: readonly CpuReading[]; readonly windowSeconds: number };
  readonly seatsLeft: readonly { at: number; value: number }[];
  readonly bareRequestsPerCoreSecond: number | null;
}): RunFigures {
  const outcomes: Record<string, number> = {};
  for (const fan of input.fans) outcomes[fan.outcome] = (outcomes[fan.outcome] ?? 0) + 1;
  const booked = input.fans
    .filter((f) => f.bookedAt !== undefined)
    .map((f) => f.bookedAt!)
    .sort((a, b) => a - b);
  const lastBooking = booked[booked.length - 1];
  const overall =
    lastBooking && lastBooking > input.opensAt ? booked.length / ((lastBooking - input.opensAt) / 1000) : 0;
  let peak = 0;
  for (let i = 0, j = 0; i < booked.length; i += 1) {
    while (booked[i]! - booked[j]! > 5000) j += 1;
    peak = Math.max(peak, (i - j + 1) / 5);
  }
  const soldOut = input.seatsLeft.find((s) => s.at >= input.opensAt && s.value === 0);
  const waits = input.fans
    .filter((f) => f.waitMs !== undefined)
    .map((f) => f.waitMs! / 1000)
    .sort((a, b) => a - b);
  const latencyMs = Object.fromEntries(
    Object.entries(followedRoutes).map(([key, route]) => {
      const answered = input.requests.filter((r) => r.route === route && r.status > 0);
      return [
        key,
        {
          all: percentilesOf(answered.map((r) => r.ms)),
          outsideFaults: percentilesOf(
            answered.filter((r) => !inFault(r.startedAt, input.faults)).map((r) => r.ms),
          ),
        },
      ];
    }),
  ) as RunFigures['latencyMs'];
  const perBooking = (ms: number) =>
    booked.length === 0 ? null : Math.round((ms / booked.length) * 10) / 10;
  const sum = (readings: readonly CpuReading[]) => readings.reduce((total, r) => total + r.cpuMs, 0);
  const ours = input.cpu.filter((r) => !emulators.has(r.name));
  const oursPerBooking = perBooking(sum(ours));
  const standing = input.standing;
  const idleRate = new Map(standing?.msPerSecond.map((r) => [r.name, r.cpuMs] as const));
  const beyondStanding = input.cpu.map((r) => ({
    name: r.name,
    cpuMs: Math.max(0, r.cpuMs - (idleRate.get(r.name) ?? 0) * (standing?.windowSeconds ?? 0)),
  }));
  const tenths = (v: number) => Math.round(v * 10) / 10;
  const failed = input.requests.filter((r) => r.status >= 500 || r.status === 0);
  const providerTimeouts = failed.filter((r) => r.problemType === paymentProviderTimeout);
  const serverFailures = failed.filter((r) => r.status >= 500 && !countedApart.has(r.problemType ?? ''));
  const failuresByRoute: Record<string, Record<string, number>> = {};
  for (const r of failed) {
    const byStatus = failuresByRoute[r.route] ?? {};
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    failuresByRoute[r.route] = byStatus;
  }
  return {
    fans: input.fans.length,
    outcomes,
    bookings: booked.length,
    bookingsPerSecond: { overall: Math.round(overall * 100) / 100, peak5s: Math.round(peak * 100) / 100 },
    openingToSoldOutSeconds: soldOut ? Math.round((soldOut.at - input.opensAt) / 100) / 10 : null,
    waitSeconds: { p50: percentile(waits, 0.5), p90: percentile(waits, 0.9) },
    abandonment:
      input.fans.length === 0
        ? 0
        : Math.round(
            (((outcomes['left-waiting'] ?? 0) + (outcomes['abandoned-hold'] ?? 0)) / input.fans.length) *
              1000,
          ) / 1000,
    latencyMs,
    cpuMsPerBooking: {
      ours: oursPerBooking,
      emulators: perBooking(sum(input.cpu.filter((r) => emulators.has(r.name)))),
      byProcess: Object.fromEntries(input.cpu.map((r) => [r.name, perBooking(r.cpuMs)])),
      beyondStanding: standing
        ? {
            ours: perBooking(sum(beyondStanding.filter((r) => !emulators.has(r.name)))),
            byProcess: Object.fromEntries(beyondStanding.map((r) => [r.name, perBooking(r.cpuMs)])),
          }
        : null,
    },
    standingCpuMsPerSecond: standing
      ? {
          ours: tenths(sum(standing.msPerSecond.filter((r) => !emulators.has(r.name)))),
          byProcess: Object.fromEntries(standing.msPerSecond.map((r) => [r.name, tenths(r.cpuMs)])),
        }
      : null,
    bareHonoRequestsPerCoreSecond: input.bareRequestsPerCoreSecond,
    bareRequestEquivalentsPerBooking:
      oursPerBooking === null || input.bareRequestsPerCoreSecond === null
        ? null
        : Math.round((oursPerBooking / 1000) * input.bareRequestsPerCoreSecond),
    serverErrors: {
      total: serverFailures.length,
      outsideFaults: serverFailures.filter((r) => !inFault(r.startedAt, input.faults)).length,
      noAnswer: failed.filter((r) => r.status === 0).length,
      paymentProviderTimeouts: providerTimeouts.length,
      waitingRoomBusy: failed.filter((r) => r.problemType === waitingRoomBusy).length,
    },
    failuresByRoute,
  };
}

/** What fans met during each fault: failed requests by route, from its start to 5 s after it ended. */
export function faultImpact(fault: FaultRecord, requests: readonly RequestRecord[]) {
  const during = requests.filter(
    (r) => r.startedAt >= fault.startedAt && r.startedAt <= fault.endedAt + 5000,
  );
  const failedByRoute: Record<string, number> = {};
  for (const r of during)
    if (r.status === 0 || r.status >= 500) failedByRoute[r.route] = (failedByRoute[r.route] ?? 0) + 1;
  return { requests: during.length, failedByRoute };
}
