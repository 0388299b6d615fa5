import { allTier2KeysOf, type Tier2Status, tier2Keys } from '@urr/common/queue/tier2-keys';
import { type WaitingListKeyState, waitingListKey } from '@urr/common/queue/waiting-list-key';
import type { Redis } from 'ioredis';

export interface Tier2Settings {
  readonly maxUsers: number;
  readonly threshold: number;
  readonly status: Tier2Status;
  /** Whether the event is listed in queue:active-events, so queue-service admits from it. */
  readonly admitting: boolean;
  /** The sale's waiting list, for ticket-service (docs/adr/0042); left as it is when undefined. */
  readonly waitingList?: WaitingListKeyState | undefined;
}

export interface Tier2Figures {
  readonly waiting: number;
  readonly active: number;
  readonly admitted: number;
}

/** The operator's side of the Tier-2 Redis keys: it writes the settings and reads the sizes. */
export class Tier2Store {
  constructor(private readonly redis: Redis) {}

  /** Writes all settings at once, so queue-service never sees a half-applied change. */
  async write(eventId: string, settings: Tier2Settings): Promise<void> {
    const tx = this.redis
      .multi()
      .set(tier2Keys.maxUsers(eventId), String(settings.maxUsers))
      .set(tier2Keys.threshold(eventId), String(settings.threshold))
      .set(tier2Keys.status(eventId), settings.status);
    if (settings.waitingList) tx.set(waitingListKey(eventId), settings.waitingList);
    if (settings.admitting) tx.sadd(tier2Keys.activeEvents(), eventId);
    else tx.srem(tier2Keys.activeEvents(), eventId);
    await execOrThrow(tx.exec());
  }

  async figures(eventId: string): Promise<Tier2Figures> {
    const results = await execOrThrow(
      this.redis
        .multi()
        .zcard(tier2Keys.queue(eventId))
        .zcard(tier2Keys.active(eventId))
        .hlen(tier2Keys.activeSeen(eventId))
        .exec(),
    );
    const [waiting, active, admitted] = results.map((value) => Number(value));
    return { waiting: waiting ?? 0, active: active ?? 0, admitted: admitted ?? 0 };
  }

  /** Removes every key of the event (its waiting list's too) and takes it off the admitting list. */
  async remove(eventId: string): Promise<void> {
    await execOrThrow(
      this.redis
        .multi()
        .del(...allTier2KeysOf(eventId), waitingListKey(eventId))
        .srem(tier2Keys.activeEvents(), eventId)
        .exec(),
    );
  }
}

async function execOrThrow(pending: Promise<[Error | null, unknown][] | null>): Promise<unknown[]> {
  const results = await pending;
  if (!results) throw new Error('Redis transaction was aborted');
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
