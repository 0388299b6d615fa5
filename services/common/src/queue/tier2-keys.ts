/**
 * The Tier-2 queue's Redis keys, exactly as the architecture names them. queue-service, the operator and the
 * tests build keys only through these functions.
 */
export const tier2Keys = {
  /** Sorted set of waiting users, scored by arrival sequence (so ZRANK + 1 is the place in line). */
  queue: (eventId: string) => `${eventId}:queue`,
  /**
   * Sorted set of admitted users, scored by the epoch ms (Redis clock) of their last heartbeat; a score
   * older than {@link activeUserTtlSeconds} means the slot is abandoned and goes to the next in line.
   */
  active: (eventId: string) => `${eventId}:active`,
  /**
   * Hash of users in line or holding a slot → the arrival sequence of that entry, which also names the
   * slot their entry pass is tied to. Entering again while in line or admitted keeps it; leaving or losing
   * the slot deletes the field, so a comeback draws a new number at the back (docs/adr/0009).
   */
  seen: (eventId: string) => `${eventId}:seen`,
  /** Arrival sequence counter (INCR). */
  counter: (eventId: string) => `${eventId}:counter`,
  /** Maximum number of users active at once (the operator writes it; queue-service has a default). */
  maxUsers: (eventId: string) => `${eventId}:maxUsers`,
  /**
   * Queue status: one of {@link tier2Statuses}. `paused` lets people line up but admits nobody;
   * `soldout` and `closed` also turn newcomers away. Unset: queue-service's default.
   */
  status: (eventId: string) => `${eventId}:status`,
  /**
   * Hash of admitted users → epoch ms of their admission (for the admission-rate ETA). It only grows
   * during a sale: HLEN is the number of users admitted so far.
   */
  activeSeen: (eventId: string) => `${eventId}:active-seen`,
  /** Below this many active users, entrants skip the queue and enter directly. */
  threshold: (eventId: string) => `${eventId}:threshold`,
  /** Set of event ids whose queue is open. */
  activeEvents: () => 'queue:active-events',
} as const;

export const tier2Statuses = ['open', 'paused', 'soldout', 'closed'] as const;
export type Tier2Status = (typeof tier2Statuses)[number];

/** An admitted user without a heartbeat for this long loses the slot. */
export const activeUserTtlSeconds = 600;

/**
 * Every Tier-2 key of one event, in the order queue-service's Lua scripts read them (KEYS[1]–KEYS[8]);
 * also what a cleanup deletes.
 */
export function allTier2KeysOf(eventId: string): string[] {
  return [
    tier2Keys.queue(eventId),
    tier2Keys.active(eventId),
    tier2Keys.seen(eventId),
    tier2Keys.counter(eventId),
    tier2Keys.maxUsers(eventId),
    tier2Keys.status(eventId),
    tier2Keys.activeSeen(eventId),
    tier2Keys.threshold(eventId),
  ];
}
