/**
 * Capacity tuning: how many Tier-1 positions to admit per cycle, from what the operator measures
 * downstream. The Tier-2 queue should hold about one round of active users (enough that a freed slot
 * is refilled at once, not so many that people wait twice), and nobody should be let through the
 * waiting room for seats the users already queued in Tier 2 will take.
 */
export interface TuningInput {
  readonly current: number;
  readonly min: number;
  readonly max: number;
  /** Users in the Tier-2 queue. */
  readonly waiting: number;
  /** Tier-2 maxUsers: how many book at once. */
  readonly maxActiveUsers: number;
  /** Seats neither sold nor held; undefined when ticket-service could not be asked. */
  readonly seatsLeft?: number;
}

export type TuningReason = 'QueueBacklog' | 'QueueDraining' | 'Steady' | 'FewSeatsLeft';

export interface TuningDecision {
  readonly admitStep: number;
  readonly reason: TuningReason;
  readonly message: string;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function tuneAdmitStep(input: TuningInput): TuningDecision {
  const { min, max, waiting, maxActiveUsers, seatsLeft } = input;
  const current = clamp(input.current, min, max);
  let admitStep = current;
  let reason: TuningReason = 'Steady';
  let message = `${waiting} waiting in the Tier-2 queue for ${maxActiveUsers} active slots; step held at ${current}`;
  if (waiting > 2 * maxActiveUsers) {
    admitStep = clamp(Math.floor(current / 2), min, max);
    reason = 'QueueBacklog';
    message = `${waiting} waiting in the Tier-2 queue, more than twice its ${maxActiveUsers} active slots; step ${current} → ${admitStep}`;
  } else if (waiting < maxActiveUsers / 2) {
    admitStep = clamp(current + Math.ceil(max / 10), min, max);
    reason = 'QueueDraining';
    message = `${waiting} waiting in the Tier-2 queue, under half its ${maxActiveUsers} active slots; step ${current} → ${admitStep}`;
  }
  if (seatsLeft !== undefined) {
    const seatCap = clamp(seatsLeft - waiting, min, max);
    if (seatCap < admitStep) {
      reason = 'FewSeatsLeft';
      message = `${seatsLeft} seats left and ${waiting} already waiting in the Tier-2 queue; step ${current} → ${seatCap}`;
      admitStep = seatCap;
    }
  }
  return { admitStep, reason, message };
}
