/**
 * The Tier-1 waiting room's DynamoDB `counters` item: one per event, keyed by `eventId`.
 * vwr-api and counter-advancer own the counting attributes; the operator writes only the admission
 * settings (with UpdateItem SET on those attributes, never a whole-item put).
 */
export const countersAttributes = {
  eventId: 'eventId',
  /** Highest position admitted so far. */
  servingCounter: 'servingCounter',
  /** Next position to hand out. */
  nextPosition: 'nextPosition',
  /** Admission settings written by the operator: */
  /** Positions admitted per cycle (default 500). */
  admitStep: 'admitStep',
  /** Seconds between advances (default 10, six cycles a minute). */
  cycleSeconds: 'cycleSeconds',
  /** Whether the waiting room is active for this event; when false, assign admits at once. */
  active: 'active',
  /** ISO-8601 instant the sale opens; arrivals before it are shuffled at the opening. */
  opensAt: 'opensAt',
  /** True when the event is sold out: admission stops and waiting users are told. */
  soldOut: 'soldOut',
  /**
   * True while the operator has the sale paused: the serving counter holds still and waiting users keep
   * their places and are told the sale is paused. Absent reads as false.
   */
  paused: 'paused',
  /** Leading zero bits of the proof-of-work a fan solves before joining (docs/adr/0008); absent: the default. */
  powDifficulty: 'powDifficulty',
  /**
   * Written by vwr-api and counter-advancer (see docs/adr/0003): positions are handed out by sharded
   * counters, so `nextPosition` is the advancer's snapshot (highest position handed out + 1) rather than
   * the live allocation point.
   */
  /** Number of position counter shards; fixed by the first assign (the operator may set it before). */
  positionShards: 'positionShards',
  /** Set by the first assign once the shard items exist; `positionShards` cannot change after it. */
  positionShardsFixed: 'positionShardsFixed',
  /** Positions handed out so far (pre-queue and regular); snapshot of the advancer. */
  issuedTotal: 'issuedTotal',
  /** Abandoned positions (left, expired) the advancer skipped, crediting their slots to the next in line. */
  creditedTotal: 'creditedTotal',
  /** Measured positions admitted per second (moving average over the advances). */
  admissionRate: 'admissionRate',
  /** Epoch ms of the last advance. */
  lastAdvancedAt: 'lastAdvancedAt',
  /** Recent snapshots of the slots taken per shard (JSON), telling the advancer when a slot was handed out. */
  issuedHistory: 'issuedHistory',
  /** Slots the advancer skipped when it levelled the shards (JSON [shard, fromSeq, toSeq] ranges). */
  voidSlots: 'voidSlots',
  /** Set once at the opening: how many pre-queue arrivals were shuffled, per shard, and the shuffle's seed. */
  preQueueSize: 'preQueueSize',
  preQueueShardCounts: 'preQueueShardCounts',
  preQueueSeed: 'preQueueSeed',
  preQueueSealedAt: 'preQueueSealedAt',
} as const;

export const defaultAdmitStep = 500;
export const defaultCycleSeconds = 10;
/** Position records expire (DynamoDB TTL attribute `expiresAt`, epoch seconds) after a day. */
export const positionTtlSeconds = 24 * 3600;

export interface WaitingRoomTables {
  readonly countersTable: string;
  readonly positionsTable: string;
}

export const defaultWaitingRoomTables: WaitingRoomTables = {
  countersTable: 'urr-vwr-counters',
  positionsTable: 'urr-vwr-positions',
};
