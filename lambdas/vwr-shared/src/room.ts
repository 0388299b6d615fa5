import { defaultAdmitStep, defaultCycleSeconds } from '@urr/common/vwr/counters-item';
import { PreQueueShuffle } from './pre-queue-shuffle.js';
import { RecentlyUsed } from './recently-used.js';
import {
  type Band,
  preQueueIndex,
  preQueueSlotAt,
  regularBand,
  regularPosition,
  regularSlotAt,
} from './slots.js';

/** One shard keeps exact arrival order; the operator sets more for sales expecting over ~500 arrivals/s. */
export const defaultPositionShards = 1;

/** The pre-queue as sealed at the opening: how many arrived per shard and the seed of their shuffle. */
export interface SealedPreQueue {
  readonly size: number;
  readonly shardCounts: readonly number[];
  readonly seed: string;
  readonly sealedAt: number;
}

/** One event's waiting room as its counters item describes it (times in epoch ms); no item reads as quiet. */
export interface Room {
  readonly eventId: string;
  readonly active: boolean;
  readonly soldOut: boolean;
  /** The operator paused the sale: the serving counter holds still until it resumes. */
  readonly paused: boolean;
  /** Proof-of-work difficulty set for this sale (docs/adr/0008); undefined: the waiting room's default. */
  readonly powDifficulty?: number;
  readonly opensAt?: number;
  readonly admitStep: number;
  readonly cycleSeconds: number;
  readonly servingCounter: number;
  readonly positionShards?: number;
  /** The shard count is fixed and its items exist: slots can be taken. */
  readonly positionShardsFixed: boolean;
  readonly preQueue?: SealedPreQueue;
  readonly admissionRate?: number;
  readonly lastAdvancedAt?: number;
  /** Serialized {@link IssueHistory}. */
  readonly issuedHistory?: string;
  /** Serialized {@link VoidSlots}. */
  readonly voidSlots?: string;
  readonly issuedTotal: number;
}

export function emptyRoom(eventId: string): Room {
  return {
    eventId,
    active: false,
    soldOut: false,
    paused: false,
    admitStep: defaultAdmitStep,
    cycleSeconds: defaultCycleSeconds,
    servingCounter: 0,
    positionShardsFixed: false,
    issuedTotal: 0,
  };
}

/** Whether arrivals now go to the pre-queue: before the opening, and only until the pre-queue is sealed. */
export function isPreQueueOpen(room: Room, now: number): boolean {
  return room.opensAt !== undefined && now < room.opensAt && room.preQueue === undefined;
}

/** Whether positions are final: no opening time, or the pre-queue ahead of everyone has been sealed. */
export function positionsAreFinal(room: Room): boolean {
  return room.opensAt === undefined || room.preQueue !== undefined;
}

export function preQueueSizeOf(room: Room): number {
  return room.preQueue?.size ?? 0;
}

/**
 * Pre-queue places already computed, by the sealed pre-queue's seed and size and the slot: a sealed
 * pre-queue never changes, and a place costs a dozen HMACs or more (the shuffle's rounds and cycle walks),
 * which every check of a pre-queue holder would pay again.
 */
export class PreQueuePlaces {
  private readonly places: RecentlyUsed<number>;

  constructor(remembered = 10_000) {
    this.places = new RecentlyUsed(remembered);
  }

  /** The 0-based place of a pre-queue slot in the sealed pre-queue's shuffle. */
  placeOf(preQueue: SealedPreQueue, slot: { shard: number; seq: number }): number {
    const key = `${preQueue.seed}:${preQueue.size}:${slot.shard}:${slot.seq}`;
    let place = this.places.get(key);
    if (place === undefined) {
      const shuffle = new PreQueueShuffle(preQueue.size, preQueue.seed);
      place = shuffle.placeOf(preQueueIndex(slot.shard, slot.seq, preQueue.shardCounts));
      this.places.set(key, place);
    }
    return place;
  }
}

/** The 1-based position of a slot, or undefined while it cannot be known yet (before the seal). */
export function positionOf(
  room: Room,
  slot: { band: Band; shard: number; seq: number },
  shards: number,
  preQueuePlaces: PreQueuePlaces,
): number | undefined {
  if (slot.band === regularBand) {
    if (!positionsAreFinal(room)) return undefined;
    return regularPosition(slot.shard, slot.seq, shards, preQueueSizeOf(room));
  }
  const preQueue = room.preQueue;
  if (!preQueue) return undefined;
  return preQueuePlaces.placeOf(preQueue, slot) + 1;
}

/** Which slot holds a position (positions are final); the inverse of {@link positionOf}. */
export function slotAtPosition(
  room: Room,
  position: number,
  shards: number,
): { band: Band; shard: number; seq: number } {
  const preQueue = room.preQueue;
  if (preQueue && position <= preQueue.size) {
    const index = new PreQueueShuffle(preQueue.size, preQueue.seed).indexAt(position - 1);
    return { band: 0, ...preQueueSlotAt(index, preQueue.shardCounts) };
  }
  return { band: regularBand, ...regularSlotAt(position, shards, preQueueSizeOf(room)) };
}
