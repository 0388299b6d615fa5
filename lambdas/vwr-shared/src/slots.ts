/**
 * A slot is what one assign takes from a position counter shard: band 0 is the pre-queue (arrivals before
 * `opensAt`, shuffled at the opening), band 1 the regular queue. `seq` is the shard's 1-based count.
 */
export type Band = 0 | 1;
export const preQueueBand: Band = 0;
export const regularBand: Band = 1;

export interface Slot {
  readonly eventId: string;
  readonly band: Band;
  readonly shard: number;
  readonly seq: number;
}

/** Event ids are path segments, cookie-name parts and key parts: keep them to a safe alphabet. */
export const eventIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Key of the slot's record in the positions table (and the subject of the vwr token it leads to). */
export function slotId(slot: Slot): string {
  return `${slot.eventId}#${slot.band}#${slot.shard}#${slot.seq}`;
}

/** Key of a position counter shard item in the counters table. */
export function shardCounterKey(eventId: string, band: Band, shard: number): string {
  return `${eventId}#band${band}#shard${shard}`;
}

/**
 * Regular-queue slots interleave across shards: shard k's j-th slot is position offset + (j-1)·S + k + 1.
 * Every (shard, seq) pair maps to its own position, so positions are unique without a shared counter.
 */
export function regularPosition(shard: number, seq: number, shards: number, preQueueSize: number): number {
  return preQueueSize + (seq - 1) * shards + shard + 1;
}

export function regularSlotAt(
  position: number,
  shards: number,
  preQueueSize: number,
): { shard: number; seq: number } {
  const offset = position - preQueueSize - 1;
  return { shard: offset % shards, seq: Math.floor(offset / shards) + 1 };
}

/** Highest regular position handed out, given each shard's count (0 when none). */
export function highestRegularPosition(issued: readonly number[], preQueueSize: number): number {
  let highest = preQueueSize;
  issued.forEach((count, shard) => {
    if (count > 0) highest = Math.max(highest, regularPosition(shard, count, issued.length, preQueueSize));
  });
  return highest;
}

/** Pre-queue slots are numbered densely, shard after shard, before the shuffle: index in [0, size). */
export function preQueueIndex(shard: number, seq: number, shardCounts: readonly number[]): number {
  let index = 0;
  for (let k = 0; k < shard; k += 1) index += shardCounts[k] ?? 0;
  return index + seq - 1;
}

export function preQueueSlotAt(
  index: number,
  shardCounts: readonly number[],
): { shard: number; seq: number } {
  let rest = index;
  for (let shard = 0; shard < shardCounts.length; shard += 1) {
    const count = shardCounts[shard] ?? 0;
    if (rest < count) return { shard, seq: rest + 1 };
    rest -= count;
  }
  throw new RangeError(`pre-queue index ${index} is past the ${shardCounts.length} sealed shards`);
}
