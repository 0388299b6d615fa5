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

/** The admission settings of the counters item, as the operator owns them (each written only when given). */
export interface CountersSettings {
  readonly admitStep?: number;
  readonly cycleSeconds?: number;
  readonly active?: boolean;
  readonly opensAt?: Date;
  readonly soldOut?: boolean;
  readonly paused?: boolean;
  /** Proof-of-work difficulty at the door (docs/adr/0008). */
  readonly powDifficulty?: number;
  /** Before the first assign fixes it. */
  readonly positionShards?: number;
}

type SettingValue = { readonly N: string } | { readonly S: string } | { readonly BOOL: boolean };

/**
 * The one encoding of the settings: an UpdateItem `SET` of the given attributes only, which creates the
 * item if needed and never touches the counting attributes vwr-api and counter-advancer own.
 */
export function countersSettingsUpdate(settings: CountersSettings): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, SettingValue>;
} {
  const number = (value: number): SettingValue => ({ N: String(value) });
  const flag = (value: boolean): SettingValue => ({ BOOL: value });
  const encoded: [string, SettingValue | undefined][] = [
    [countersAttributes.admitStep, settings.admitStep === undefined ? undefined : number(settings.admitStep)],
    [
      countersAttributes.cycleSeconds,
      settings.cycleSeconds === undefined ? undefined : number(settings.cycleSeconds),
    ],
    [countersAttributes.active, settings.active === undefined ? undefined : flag(settings.active)],
    [
      countersAttributes.opensAt,
      settings.opensAt === undefined ? undefined : { S: settings.opensAt.toISOString() },
    ],
    [countersAttributes.soldOut, settings.soldOut === undefined ? undefined : flag(settings.soldOut)],
    [countersAttributes.paused, settings.paused === undefined ? undefined : flag(settings.paused)],
    [
      countersAttributes.powDifficulty,
      settings.powDifficulty === undefined ? undefined : number(settings.powDifficulty),
    ],
    [
      countersAttributes.positionShards,
      settings.positionShards === undefined ? undefined : number(settings.positionShards),
    ],
  ];
  const given = encoded.filter((entry): entry is [string, SettingValue] => entry[1] !== undefined);
  if (given.length === 0) throw new Error('countersSettingsUpdate: no setting to write');
  return {
    UpdateExpression: `SET ${given.map(([name]) => `#${name} = :${name}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(given.map(([name]) => [`#${name}`, name])),
    ExpressionAttributeValues: Object.fromEntries(given.map(([name, value]) => [`:${name}`, value])),
  };
}

/** Reads an instant attribute (`opensAt`): an ISO-8601 string as written, or epoch milliseconds; ms or undefined. */
export function countersInstantOf(
  value: { readonly N?: string; readonly S?: string } | undefined,
): number | undefined {
  if (value?.N !== undefined) return Number(value.N);
  if (value?.S === undefined) return undefined;
  const instant = Date.parse(value.S);
  return Number.isNaN(instant) ? undefined : instant;
}
