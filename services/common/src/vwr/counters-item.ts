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
