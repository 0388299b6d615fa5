import type { Band } from './slots.js';

/** Slots taken per shard of each band at one moment (epoch ms). */
export interface IssueSnapshot {
  readonly at: number;
  readonly regular: readonly number[];
  readonly preQueue: readonly number[];
}

/**
 * Snapshots the advancer takes each cycle, so it can tell that a slot without a record was handed out
 * before some moment (and so that its holder, never seen since, walked away).
 */
export class IssueHistory {
  private constructor(readonly snapshots: readonly IssueSnapshot[]) {}

  static parse(text: string | undefined): IssueHistory {
    if (!text) return new IssueHistory([]);
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return new IssueHistory([]);
      return new IssueHistory(
        parsed.filter(
          (entry): entry is IssueSnapshot =>
            typeof entry?.at === 'number' && Array.isArray(entry.regular) && Array.isArray(entry.preQueue),
        ),
      );
    } catch {
      return new IssueHistory([]);
    }
  }

  /** Adds a snapshot, dropping those older than `keepMs` except the newest of them (it still answers). */
  with(snapshot: IssueSnapshot, keepMs: number): IssueHistory {
    const all = [...this.snapshots, snapshot].sort((left, right) => left.at - right.at);
    const horizon = snapshot.at - keepMs;
    const firstKept = Math.max(
      0,
      all.findLastIndex((entry) => entry.at <= horizon),
    );
    return new IssueHistory(all.slice(firstKept));
  }

  latest(): IssueSnapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** Whether the slot had been handed out by `moment` (false when no snapshot is that old). */
  issuedBy(moment: number, slot: { band: Band; shard: number; seq: number }): boolean {
    const snapshot = this.snapshots.findLast((entry) => entry.at <= moment);
    if (!snapshot) return false;
    const counts = slot.band === 0 ? snapshot.preQueue : snapshot.regular;
    return slot.seq <= (counts[slot.shard] ?? 0);
  }

  serialize(): string {
    return JSON.stringify(this.snapshots);
  }
}
