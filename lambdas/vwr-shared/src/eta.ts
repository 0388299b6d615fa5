import type { Room } from './room.js';

export const minPollSeconds = 2;
export const maxPollSeconds = 15;

const clampPoll = (seconds: number) =>
  Math.min(maxPollSeconds, Math.max(minPollSeconds, Math.round(seconds)));

/** Positions the serving counter moves per second: measured by the advancer, else what the settings promise. */
function admissionRateOf(room: Room): number {
  return room.admissionRate && room.admissionRate > 0
    ? room.admissionRate
    : room.admitStep / room.cycleSeconds;
}

/**
 * Seconds until `position` is reached: the wait for the next advance plus whole cycles at the measured
 * rate, since the counter moves in steps. Poll hint: a third of that, within 2–15 s.
 */
export function estimateWait(
  room: Room,
  position: number,
  now: number,
): { etaSeconds: number; pollAfterSeconds: number } {
  const sinceAdvance = room.lastAdvancedAt === undefined ? 0 : (now - room.lastAdvancedAt) / 1000;
  const nextAdvanceIn = Math.max(0, room.cycleSeconds - sinceAdvance);
  const perCycle = admissionRateOf(room) * room.cycleSeconds;
  const cycles = Math.max(1, Math.ceil((position - room.servingCounter) / perCycle));
  const etaSeconds = Math.ceil(nextAdvanceIn + (cycles - 1) * room.cycleSeconds);
  return { etaSeconds, pollAfterSeconds: clampPoll(etaSeconds / 3) };
}

/** Before the opening: poll at the latest by the opening itself. */
export function pollBeforeOpening(opensAt: number, now: number): number {
  return clampPoll((opensAt - now) / 1000);
}
