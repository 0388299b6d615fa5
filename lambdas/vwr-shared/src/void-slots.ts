import { regularPosition } from './slots.js';

/** Regular-queue slots `fromSeq..toSeq` of one shard that were skipped and will never be handed out. */
export type VoidRange = readonly [shard: number, fromSeq: number, toSeq: number];

/**
 * The slots the advancer skipped when it levelled the shards (docs/adr/0003). They belong to nobody, so
 * the advancer passes over them without spending admission on them.
 */
export class VoidSlots {
  private constructor(readonly ranges: readonly VoidRange[]) {}

  static parse(text: string | undefined): VoidSlots {
    if (!text) return new VoidSlots([]);
    try {
      const parsed: unknown = JSON.parse(text);
      return new VoidSlots(
        Array.isArray(parsed)
          ? parsed.filter(
              (range): range is VoidRange =>
                Array.isArray(range) && range.length === 3 && range.every(Number.isInteger),
            )
          : [],
      );
    } catch {
      return new VoidSlots([]);
    }
  }

  static of(ranges: readonly VoidRange[]): VoidSlots {
    return new VoidSlots(ranges);
  }

  with(ranges: readonly VoidRange[]): VoidSlots {
    return new VoidSlots([...this.ranges, ...ranges]);
  }

  includes(shard: number, seq: number): boolean {
    return this.ranges.some(([rangeShard, from, to]) => rangeShard === shard && seq >= from && seq <= to);
  }

  /** How many void slots sit at positions up to `position`. */
  countUpTo(position: number, shards: number, preQueueSize: number): number {
    let count = 0;
    for (const [shard, from, to] of this.ranges)
      for (let seq = from; seq <= to; seq += 1)
        if (regularPosition(shard, seq, shards, preQueueSize) <= position) count += 1;
    return count;
  }

  /** Drops ranges wholly at or below `position` (admission has passed them). */
  above(position: number, shards: number, preQueueSize: number): VoidSlots {
    return new VoidSlots(
      this.ranges.filter(([shard, , to]) => regularPosition(shard, to, shards, preQueueSize) > position),
    );
  }

  serialize(): string {
    return JSON.stringify(this.ranges);
  }
}
