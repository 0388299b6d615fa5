/**
 * How long after the opening a closed Tier-2 line is taken for "not opened yet" rather than "closed": Tier 1
 * lets its first fans through at the opening, and the operator's reconcile that opens Tier 2 can come
 * seconds later on a loaded cluster (docs/adr/0006).
 */
export const saleOpeningGraceMs = 60_000;

/** Whether `now` falls in the first {@link saleOpeningGraceMs} after `opensAt`. */
export function isSaleOpening(opensAt: number | undefined, now: number): boolean {
  return opensAt !== undefined && now >= opensAt && now < opensAt + saleOpeningGraceMs;
}
