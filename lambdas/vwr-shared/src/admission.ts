/**
 * How one advance of the serving counter is planned (docs/adr/0003). Each cycle admits `admitStep` positions;
 * positions abandoned by their holders (left, expired, never recorded) are skipped and credited, so the
 * step always goes to people who can use it. Positions not handed out yet count against the step: whoever
 * takes them later is let in at once. The counter never runs more than one step past the highest position
 * handed out, so unused capacity does not pile up while the queue is short.
 */
export type PositionState =
  /** Held by someone still waiting (or already admitted). */
  | 'held'
  /** Held by someone who has not polled for too long: skipped if {@link AdvanceInputs.expire} succeeds. */
  | 'stale'
  /** Left or expired already, or its record was never written. */
  | 'abandoned';

export interface AdvanceInputs {
  readonly servingCounter: number;
  readonly admitStep: number;
  /** Highest position handed out so far; positions above it are not handed out yet. */
  readonly highestIssued: number;
  /** States of handed-out positions (all ≤ highestIssued). */
  readonly inspect: (positions: readonly number[]) => Promise<ReadonlyMap<number, PositionState>>;
  /** Marks a stale position expired; false when its holder came back in the meantime. */
  readonly expire: (position: number) => Promise<boolean>;
  readonly batchSize?: number;
}

export interface AdvancePlan {
  readonly servingCounter: number;
  /** Slots of the step given to positions (held or not handed out yet). */
  readonly admitted: number;
  /** Abandoned positions skipped. */
  readonly credited: number;
  /** True when the step ran into the cap (the queue is shorter than the step). */
  readonly capped: boolean;
}

export async function planAdvance(inputs: AdvanceInputs): Promise<AdvancePlan> {
  const { servingCounter, admitStep, highestIssued, inspect, expire } = inputs;
  const batchSize = inputs.batchSize ?? 100;
  const limit = Math.max(servingCounter, highestIssued + admitStep);
  let position = servingCounter;
  let remaining = admitStep;
  let credited = 0;
  while (remaining > 0 && position < limit) {
    if (position >= highestIssued) {
      const take = Math.min(remaining, limit - position);
      position += take;
      remaining -= take;
      break;
    }
    const last = Math.min(position + Math.min(batchSize, remaining), highestIssued);
    const batch = Array.from({ length: last - position }, (_, offset) => position + offset + 1);
    const states = await inspect(batch);
    for (const candidate of batch) {
      const state = states.get(candidate) ?? 'held';
      const skipped = state === 'abandoned' || (state === 'stale' && (await expire(candidate)));
      position = candidate;
      if (skipped) credited += 1;
      else remaining -= 1;
      if (remaining === 0) break;
    }
  }
  return { servingCounter: position, admitted: admitStep - remaining, credited, capped: remaining > 0 };
}
