import { type BookingSlo, type HealthJudgement, judgeHealth, paceAdmitStep } from './admission-pacing.js';
import type { BookingHealthSource, HealthScope } from './booking-health-source.js';
import type { BookingHealthReading } from './booking-signals.js';
import type { BookingHealthStatus, HealthVerdictStatus } from './ticket-event.js';

export interface HealthCheckInput {
  readonly source: BookingHealthSource;
  readonly scope: HealthScope;
  readonly slo: BookingSlo;
  readonly current: number;
  readonly min: number;
  readonly max: number;
  readonly previous: BookingHealthStatus | undefined;
  readonly now: Date;
}

/** What the booking path's health allows this cycle, before the other tuning rules have their say. */
export interface HealthCheck {
  readonly verdict: HealthVerdictStatus;
  /** The highest admit step the health allows. */
  readonly ceiling: number;
  readonly message: string;
  readonly lastReading?: BookingHealthStatus['lastReading'];
  readonly reading?: BookingHealthReading;
  readonly judgement?: HealthJudgement;
}

export async function checkBookingHealth(input: HealthCheckInput): Promise<HealthCheck> {
  const { current, min, max, previous, now } = input;
  const held = paceAdmitStep({ current, min, max });
  let reading: BookingHealthReading | undefined;
  try {
    reading = await input.source.read(input.scope);
  } catch (error) {
    return {
      verdict: 'Unavailable',
      ceiling: held,
      message: `Booking metrics unavailable, admit step kept at ${held}: ${(error as Error).message}`.slice(
        0,
        1024,
      ),
      ...(previous?.lastReading ? { lastReading: previous.lastReading } : {}),
    };
  }
  if (!reading) {
    return {
      verdict: 'WarmingUp',
      ceiling: held,
      message: `First look at the booking metrics; the next cycle has a window to judge (admit step kept at ${held})`,
      ...(previous?.lastReading ? { lastReading: previous.lastReading } : {}),
    };
  }
  const judgement = judgeHealth(reading, input.slo);
  const requests = reading.reserve.requests + reading.confirm.requests;
  return {
    verdict: judgement.verdict,
    ceiling: paceAdmitStep({ current, min, max, verdict: judgement.verdict }),
    message: judgement.summary,
    reading,
    judgement,
    lastReading: {
      readAt: now.toISOString(),
      ...(reading.reserve.p99Ms === undefined ? {} : { reserveP99Ms: reading.reserve.p99Ms }),
      ...(reading.confirm.p99Ms === undefined ? {} : { confirmP99Ms: reading.confirm.p99Ms }),
      ...(judgement.errorRatio === undefined ? {} : { errorRatio: judgement.errorRatio }),
      requests,
    },
  };
}

export type PacingReason =
  | 'AdmissionSlowed'
  | 'AdmissionRecovered'
  | 'Healthy'
  | 'HealthUnavailable'
  | 'WarmingUp';

/**
 * Why the step is what it is, as far as the health goes: slowed while breached; recovering while healthy
 * and climbing back after a slowdown (until the step stops rising); plain Healthy otherwise.
 */
export function pacingReason(
  check: HealthCheck,
  step: { readonly before: number; readonly after: number },
  previousReason: string | undefined,
): PacingReason {
  switch (check.verdict) {
    case 'Breached':
      return 'AdmissionSlowed';
    case 'Unavailable':
      return 'HealthUnavailable';
    case 'WarmingUp':
      return 'WarmingUp';
    case 'Healthy': {
      const recovering = previousReason === 'AdmissionSlowed' || previousReason === 'AdmissionRecovered';
      return recovering && step.after > step.before ? 'AdmissionRecovered' : 'Healthy';
    }
  }
}

export function healthStatus(
  check: HealthCheck,
  reason: PacingReason,
  step: { readonly before: number; readonly after: number },
  now: Date,
): BookingHealthStatus {
  const change =
    step.after === step.before
      ? `admit step held at ${step.after}`
      : `admit step ${step.before} → ${step.after}`;
  const message =
    check.verdict === 'Healthy' || check.verdict === 'Breached'
      ? `${change}: ${check.message}`
      : check.message;
  return {
    verdict: check.verdict,
    reason,
    message: message.slice(0, 1024),
    checkedAt: now.toISOString(),
    ...(check.lastReading ? { lastReading: check.lastReading } : {}),
  };
}
