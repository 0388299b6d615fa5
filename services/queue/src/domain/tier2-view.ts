import type { Tier2Status } from '@urr/common/queue/tier2-keys';

/** Where one user stands after a Tier-2 call, read in the same atomic step as the change. */
export interface Tier2View {
  /**
   * `refused`: sold out or closed, so a newcomer was not let in line. `needs-pass`: a newcomer without
   * leave to take a place (no valid Tier-1 pass while the waiting room is active); nothing changed.
   */
  readonly state: 'admitted' | 'waiting' | 'absent' | 'refused' | 'needs-pass';
  /**
   * Arrival number from `{eventId}:counter` (kept in `seen` while the user waits or holds the slot), or
   * null when the user has none. It also names the slot: the entry pass carries it.
   */
  readonly arrival: number | null;
  /** 0-based place among the waiting, or null when not waiting. */
  readonly rank: number | null;
  readonly waiting: number;
  readonly active: number;
  readonly maxUsers: number;
  readonly threshold: number;
  readonly status: Tier2Status;
  /** Users admitted so far (HLEN active-seen): the admission-rate meter samples it. */
  readonly admittedTotal: number;
  /** Redis's clock, in epoch ms. */
  readonly nowMs: number;
}
