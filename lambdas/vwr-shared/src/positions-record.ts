/** The positions table: one item per handed-out slot, keyed by its slot id, removed by DynamoDB TTL after a day. */
export const positionAttributes = {
  slotId: 'slotId',
  eventId: 'eventId',
  status: 'status',
  createdAt: 'createdAt',
  /** Epoch ms the holder was last recorded as present. */
  lastSeenAt: 'lastSeenAt',
  admittedAt: 'admittedAt',
  /** On an account's place item (docs/adr/0007): the slot that account holds, encoded. */
  place: 'place',
  /** DynamoDB TTL attribute, epoch seconds. */
  expiresAt: 'expiresAt',
} as const;

export const positionStatuses = ['waiting', 'admitted', 'left', 'expired'] as const;
export type PositionStatus = (typeof positionStatuses)[number];

/** A position counter shard item in the counters table. */
export const shardAttributes = {
  issued: 'issued',
  /** Set on pre-queue shards at the opening; no slot can be taken from them after it. */
  sealed: 'sealed',
} as const;
