/**
 * The sale report (docs/adr/0041): what one sale's line, samples and money facts add up to. Pure: the
 * projection store reads the facts, this module decides what they mean. Times are ms since the epoch.
 */

export interface LineFact {
  readonly kind: 'arrived' | 'admitted' | 'left' | 'expired';
  readonly userId: string;
  readonly arrival: number | null;
  readonly sequence: number;
  readonly admittedAtOnce: boolean | null;
  readonly wasAdmitted: boolean | null;
  readonly at: number;
}

export interface SampleFact {
  readonly at: number;
  readonly servingCounter: number | null;
  readonly highestPosition: number | null;
  readonly waiting: number;
  readonly active: number;
  readonly maxUsers: number;
  readonly seats: { readonly total: number; readonly sold: number; readonly held: number } | null;
}

export interface MoneyFact {
  readonly kind: 'booked' | 'unbooked' | 'paid' | 'refunded';
  readonly tickets: number;
  readonly amount: number;
  readonly currency: string | null;
  readonly at: number;
}

export interface SaleFacts {
  readonly line: readonly LineFact[];
  readonly samples: readonly SampleFact[];
  readonly money: readonly MoneyFact[];
}

export interface SaleReportOptions {
  readonly eventId: string;
  readonly bucketMs: number;
  /** Positions an admission may be ahead of arrival order before it counts as out of order. */
  readonly fairnessBound: number;
}

/** More buckets than a chart can show: the caller asked for too fine a bucket for the sale's span. */
export const maxBuckets = 2000;

export class TooManyBucketsError extends Error {
  constructor(readonly buckets: number) {
    super(`the sale spans ${buckets} buckets of that size; at most ${maxBuckets}`);
  }
}

export interface ReportBucket {
  readonly start: number;
  readonly arrivals: number;
  readonly admissions: number;
  readonly leftWaiting: number;
  readonly expired: number;
  /** Tickets booked in the bucket, net of cancellations. */
  readonly ticketsBooked: number;
  /** Money captured in the bucket, net of refunds. */
  readonly revenue: number;
  /** The bucket's last sample; null when none fell in it. */
  readonly servingCounter: number | null;
  readonly highestPosition: number | null;
  readonly waiting: number | null;
  readonly active: number | null;
  readonly maxUsers: number | null;
  readonly seatsLeft: number | null;
}

export type OutOfOrderReason = 'admitted-on-arrival' | 'unexplained';

export interface DisplacedAdmission {
  readonly userId: string;
  readonly arrival: number;
  readonly arrivalRank: number;
  readonly admissionRank: number;
  /** arrivalRank − admissionRank: how many earlier arrivals this admission went ahead of. */
  readonly displacement: number;
  readonly reason: OutOfOrderReason;
}

export interface SaleReport {
  readonly eventId: string;
  readonly bucketMs: number;
  readonly from: number | null;
  readonly to: number | null;
  readonly buckets: readonly ReportBucket[];
  readonly wait: {
    readonly measured: number;
    readonly p50Ms: number | null;
    readonly p90Ms: number | null;
    readonly p99Ms: number | null;
    readonly maxMs: number | null;
  };
  readonly abandonment: {
    readonly arrivals: number;
    readonly admitted: number;
    readonly leftWaiting: number;
    readonly stillWaiting: number;
    readonly expiredSlots: number;
    /** leftWaiting / arrivals, 0 without arrivals. */
    readonly leftWaitingRate: number;
  };
  readonly sales: {
    readonly ticketsBooked: number;
    readonly revenue: number;
    readonly currency: string | null;
  };
  readonly fairness: {
    readonly bound: number;
    /** Admissions with an arrival number, ranked both ways. */
    readonly ranked: number;
    readonly outOfOrder: number;
    readonly maxDisplacement: number;
    readonly byReason: Readonly<Record<OutOfOrderReason, number>>;
    /** The out-of-order admissions, furthest ahead first (at most {@link worstShown}). */
    readonly worst: readonly DisplacedAdmission[];
  };
}

export const worstShown = 20;

/** Nearest-rank percentile of ascending values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const attemptOf = (userId: string, arrival: number) => `${arrival}\u0000${userId}`;

function waitTimes(line: readonly LineFact[], arrivals: Map<string, LineFact>) {
  const waits: number[] = [];
  for (const fact of line) {
    if (fact.kind !== 'admitted' || fact.arrival === null) continue;
    const arrived = arrivals.get(attemptOf(fact.userId, fact.arrival));
    if (arrived) waits.push(fact.at - arrived.at);
  }
  waits.sort((a, b) => a - b);
  return {
    measured: waits.length,
    p50Ms: percentile(waits, 50),
    p90Ms: percentile(waits, 90),
    p99Ms: percentile(waits, 99),
    maxMs: waits.length ? waits[waits.length - 1]! : null,
  };
}

function abandonmentOf(line: readonly LineFact[], arrivals: Map<string, LineFact>) {
  const admitted = new Set<string>();
  const gaveUp = new Set<string>();
  let expiredSlots = 0;
  for (const fact of line) {
    if (fact.kind === 'expired') expiredSlots += 1;
    if (fact.arrival === null) continue;
    const attempt = attemptOf(fact.userId, fact.arrival);
    if (fact.kind === 'admitted') admitted.add(attempt);
    if (fact.kind === 'left' && fact.wasAdmitted === false) gaveUp.add(attempt);
  }
  let stillWaiting = 0;
  for (const attempt of arrivals.keys())
    if (!admitted.has(attempt) && !gaveUp.has(attempt)) stillWaiting += 1;
  return {
    arrivals: arrivals.size,
    admitted: admitted.size,
    leftWaiting: gaveUp.size,
    stillWaiting,
    expiredSlots,
    leftWaitingRate: arrivals.size === 0 ? 0 : gaveUp.size / arrivals.size,
  };
}

function fairnessOf(line: readonly LineFact[], arrivals: Map<string, LineFact>, bound: number) {
  const admissions = line
    .filter((fact) => fact.kind === 'admitted' && fact.arrival !== null)
    .sort((a, b) => a.sequence - b.sequence);
  const arrivalRanks = new Map(
    [...admissions]
      .sort((a, b) => a.arrival! - b.arrival!)
      .map((fact, index) => [attemptOf(fact.userId, fact.arrival!), index + 1]),
  );
  const byReason: Record<OutOfOrderReason, number> = { 'admitted-on-arrival': 0, unexplained: 0 };
  const displaced: DisplacedAdmission[] = [];
  let maxDisplacement = 0;
  admissions.forEach((fact, index) => {
    const attempt = attemptOf(fact.userId, fact.arrival!);
    const arrivalRank = arrivalRanks.get(attempt)!;
    const displacement = arrivalRank - (index + 1);
    maxDisplacement = Math.max(maxDisplacement, displacement);
    if (displacement <= bound) return;
    const reason: OutOfOrderReason = arrivals.get(attempt)?.admittedAtOnce
      ? 'admitted-on-arrival'
      : 'unexplained';
    byReason[reason] += 1;
    displaced.push({
      userId: fact.userId,
      arrival: fact.arrival!,
      arrivalRank,
      admissionRank: index + 1,
      displacement,
      reason,
    });
  });
  displaced.sort((a, b) => b.displacement - a.displacement || a.admissionRank - b.admissionRank);
  return {
    bound,
    ranked: admissions.length,
    outOfOrder: displaced.length,
    maxDisplacement,
    byReason,
    worst: displaced.slice(0, worstShown),
  };
}

function bucketsOf(facts: SaleFacts, bucketMs: number) {
  let from = Infinity;
  let to = -Infinity;
  for (const { at } of [...facts.line, ...facts.samples, ...facts.money]) {
    from = Math.min(from, at);
    to = Math.max(to, at);
  }
  if (from === Infinity) return { from: null, to: null, buckets: [] };
  const first = Math.floor(from / bucketMs) * bucketMs;
  const count = Math.floor(to / bucketMs) - first / bucketMs + 1;
  if (count > maxBuckets) throw new TooManyBucketsError(count);
  type Mutable = { -readonly [K in keyof ReportBucket]: ReportBucket[K] } & { sampledAt: number };
  const buckets: Mutable[] = Array.from({ length: count }, (_, index) => ({
    start: first + index * bucketMs,
    arrivals: 0,
    admissions: 0,
    leftWaiting: 0,
    expired: 0,
    ticketsBooked: 0,
    revenue: 0,
    servingCounter: null,
    highestPosition: null,
    waiting: null,
    active: null,
    maxUsers: null,
    seatsLeft: null,
    sampledAt: -Infinity,
  }));
  const bucketAt = (at: number) => buckets[Math.floor(at / bucketMs) - first / bucketMs]!;
  for (const fact of facts.line) {
    const bucket = bucketAt(fact.at);
    if (fact.kind === 'arrived') bucket.arrivals += 1;
    if (fact.kind === 'admitted') bucket.admissions += 1;
    if (fact.kind === 'left' && fact.wasAdmitted === false) bucket.leftWaiting += 1;
    if (fact.kind === 'expired') bucket.expired += 1;
  }
  for (const fact of facts.money) {
    const bucket = bucketAt(fact.at);
    if (fact.kind === 'booked') bucket.ticketsBooked += fact.tickets;
    if (fact.kind === 'unbooked') bucket.ticketsBooked -= fact.tickets;
    if (fact.kind === 'paid') bucket.revenue += fact.amount;
    if (fact.kind === 'refunded') bucket.revenue -= fact.amount;
  }
  for (const sample of facts.samples) {
    const bucket = bucketAt(sample.at);
    if (sample.at < bucket.sampledAt) continue;
    bucket.sampledAt = sample.at;
    bucket.servingCounter = sample.servingCounter;
    bucket.highestPosition = sample.highestPosition;
    bucket.waiting = sample.waiting;
    bucket.active = sample.active;
    bucket.maxUsers = sample.maxUsers;
    bucket.seatsLeft = sample.seats
      ? Math.max(0, sample.seats.total - sample.seats.sold - sample.seats.held)
      : null;
  }
  return { from, to, buckets: buckets.map(({ sampledAt: _, ...bucket }) => bucket) };
}

export function saleReport(facts: SaleFacts, options: SaleReportOptions): SaleReport {
  const arrivals = new Map<string, LineFact>();
  for (const fact of facts.line)
    if (fact.kind === 'arrived' && fact.arrival !== null)
      arrivals.set(attemptOf(fact.userId, fact.arrival), fact);
  const { from, to, buckets } = bucketsOf(facts, options.bucketMs);
  const signed = (fact: MoneyFact, plus: MoneyFact['kind'], minus: MoneyFact['kind'], value: number) =>
    fact.kind === plus ? value : fact.kind === minus ? -value : 0;
  return {
    eventId: options.eventId,
    bucketMs: options.bucketMs,
    from,
    to,
    buckets,
    wait: waitTimes(facts.line, arrivals),
    abandonment: abandonmentOf(facts.line, arrivals),
    sales: {
      ticketsBooked: facts.money.reduce(
        (sum, fact) => sum + signed(fact, 'booked', 'unbooked', fact.tickets),
        0,
      ),
      revenue: facts.money.reduce((sum, fact) => sum + signed(fact, 'paid', 'refunded', fact.amount), 0),
      currency: facts.money.find((fact) => fact.currency !== null)?.currency ?? null,
    },
    fairness: fairnessOf(facts.line, arrivals, options.fairnessBound),
  };
}
