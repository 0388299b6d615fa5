import { defaultAdmitStep, defaultCycleSeconds } from '@urr/common/vwr/counters-item';
import { PreQueueShuffle } from './pre-queue-shuffle.js';
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

/** The 1-based position of a slot, or undefined while it cannot be known yet (before the seal). */
export function positionOf(
  room: Room,
  slot: { band: Band; shard: number; seq: number },
  shards: number,
): number | undefined {
  if (slot.band === regularBand) {
    if (!positionsAreFinal(room)) return undefined;
    return regularPosition(slot.shard, slot.seq, shards, preQueueSizeOf(room));
  }
  const preQueue = room.preQueue;
  if (!preQueue) return undefined;
  const shuffle = new PreQueueShuffle(preQueue.size, preQueue.seed);
  return shuffle.placeOf(preQueueIndex(slot.shard, slot.seq, preQueue.shardCounts)) + 1;
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
