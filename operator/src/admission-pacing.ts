import type { BookingHealthReading, SignalReading } from './booking-signals.js';

/** The booking path's service-level objective, from the TicketEvent's spec.slo. */
export interface BookingSlo {
  readonly reserveP99Ms: number;
  readonly confirmP99Ms: number;
  readonly maxErrorRatio: number;
}

/** AIMD constants (docs/adr/0036): halve on a breach, climb a tenth of the range per healthy cycle. */
export const aimd = { decreaseFactor: 0.5, increaseFractionOfMax: 0.1 } as const;

export type HealthVerdict = 'Healthy' | 'Breached';

export interface HealthJudgement {
  readonly verdict: HealthVerdict;
  /** 5xx answers over all reserve and confirm requests; undefined when there were none. */
  readonly errorRatio?: number;
  /** The figures against the SLO, for Events and the status. */
  readonly summary: string;
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

function describeLatency(name: string, reading: SignalReading, sloMs: number): string {
  if (reading.p99Ms === undefined) return `${name}: no requests`;
  return `${name} p99 ${reading.p99Ms} ms (SLO ${sloMs} ms, ${reading.requests} requests)`;
}

export function judgeHealth(reading: BookingHealthReading, slo: BookingSlo): HealthJudgement {
  const requests = reading.reserve.requests + reading.confirm.requests;
  const errors = reading.reserve.errors + reading.confirm.errors;
  const errorRatio = requests > 0 ? errors / requests : undefined;
  const breached =
    (reading.reserve.p99Ms ?? 0) > slo.reserveP99Ms ||
    (reading.confirm.p99Ms ?? 0) > slo.confirmP99Ms ||
    (errorRatio ?? 0) > slo.maxErrorRatio;
  const summary = [
    describeLatency('reserve', reading.reserve, slo.reserveP99Ms),
    describeLatency('confirm', reading.confirm, slo.confirmP99Ms),
    errorRatio === undefined
      ? 'no 5xx to count'
      : `5xx ${percent(errorRatio)} of ${requests} (SLO ${percent(slo.maxErrorRatio)})`,
  ].join('; ');
  return {
    verdict: breached ? 'Breached' : 'Healthy',
    ...(errorRatio === undefined ? {} : { errorRatio }),
    summary,
  };
}

export interface PacingInput {
  readonly current: number;
  readonly min: number;
  readonly max: number;
  /** Undefined when the health could not be read: the step in force stands. */
  readonly verdict?: HealthVerdict;
}

/**
 * The highest admit step the booking path's health allows this cycle: multiplicative decrease while the
 * SLO is breached, additive increase while it holds, the current step while nobody knows.
 */
export function paceAdmitStep({ current, min, max, verdict }: PacingInput): number {
  const clamp = (value: number) => Math.min(max, Math.max(min, value));
  if (verdict === 'Breached') return clamp(Math.floor(current * aimd.decreaseFactor));
  if (verdict === 'Healthy') return clamp(current + Math.ceil(max * aimd.increaseFractionOfMax));
  return clamp(current);
}
