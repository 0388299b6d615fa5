import { randomUUID } from 'node:crypto';
import { allTier2KeysOf, type Tier2Status, tier2Keys, tier2Statuses } from '@urr/common/queue/tier2-keys';
import type { Redis, Result } from 'ioredis';
import type { Tier2View } from '../domain/tier2-view.js';
import { type Tier2Operation, tier2ScriptKeyCount, tier2Scripts } from './tier2-scripts.js';

/** The Redis list the Tier-2 scripts append admission messages to; the admission outbox relay sends them to SQS. */
export const defaultAdmissionOutboxKey = 'queue:sqs-outbox';

/**
 * The Redis list the Tier-2 scripts (and the sale sampler) append `queue-events` to, and the counter that
 * orders the line changes; the queue-events relay publishes the list to Kafka (docs/adr/0041).
 */
export const defaultQueueEventsOutboxKeys = {
  outbox: 'queue:kafka-outbox',
  sequence: 'queue:line-sequence',
} as const;

type ScriptArgument = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    urrTier2Enter(...args: ScriptArgument[]): Result<unknown[], Context>;
    urrTier2Status(...args: ScriptArgument[]): Result<unknown[], Context>;
    urrTier2Heartbeat(...args: ScriptArgument[]): Result<unknown[], Context>;
    urrTier2Leave(...args: ScriptArgument[]): Result<unknown[], Context>;
    urrTier2Sweep(...args: ScriptArgument[]): Result<unknown[], Context>;
  }
}

const commandNames = {
  enter: 'urrTier2Enter',
  status: 'urrTier2Status',
  heartbeat: 'urrTier2Heartbeat',
  leave: 'urrTier2Leave',
  sweep: 'urrTier2Sweep',
} as const satisfies Record<Tier2Operation, string>;

export interface Tier2Defaults {
  /** Used while `{eventId}:maxUsers` is unset. */
  readonly maxUsers: number;
  /** Used while `{eventId}:threshold` is unset. */
  readonly threshold: number;
  /** Used while `{eventId}:status` is unset. */
  readonly status: Tier2Status;
}

/**
 * The settings of an event the operator runs while Redis has none (it lost them in a restart): nobody is
 * admitted, arrivals line up in order, until the operator writes them again (docs/adr/0006).
 */
export const settingsAwaitingTheOperator: Tier2Defaults = { maxUsers: 0, threshold: 0, status: 'open' };

export interface Tier2QueueOptions {
  readonly redis: Redis;
  /** An admitted user without a heartbeat for this long loses the slot. */
  readonly activeTtlMs: number;
  /** The settings of an event nobody configured (no TicketEvent). */
  readonly defaults: Tier2Defaults;
  /**
   * Whether the operator runs the event (docs/adr/0006): such an event falls back to
   * {@link settingsAwaitingTheOperator}, never to `defaults`. Without it every event uses `defaults`.
   */
  readonly isManaged?: (eventId: string) => Promise<boolean>;
  /** Most users a request evicts or admits in its step; the sweeper takes bigger steps. @default 100 */
  readonly requestWorkLimit?: number;
  /** @default 1000 */
  readonly sweepWorkLimit?: number;
  /** The list the scripts append SQS messages to. @default {@link defaultAdmissionOutboxKey} */
  readonly outboxKey?: string;
  /**
   * @default {@link defaultQueueEventsOutboxKeys}, or keys named after `outboxKey` when that is given (a
   * test's own outbox gets its own queue-events list).
   */
  readonly queueEventsKeys?: { readonly outbox: string; readonly sequence: string };
}

const viewStates = ['admitted', 'waiting', 'absent', 'refused', 'needs-pass'] as const;

/** Reads a script's reply; a reply of another shape is a bug in the script, not bad input. */
export function parseTier2Reply(reply: unknown[]): Tier2View {
  const [state, arrival, rank, waiting, active, maxUsers, threshold, status, admittedTotal, nowMs] = reply;
  const integer = (value: unknown) => {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new Error(`unexpected Tier-2 reply ${reply}`);
    return value;
  };
  if (!viewStates.includes(state as Tier2View['state']) || !tier2Statuses.includes(status as Tier2Status))
    throw new Error(`unexpected Tier-2 reply ${reply}`);
  return {
    state: state as Tier2View['state'],
    arrival: integer(arrival) > 0 ? integer(arrival) : null,
    rank: integer(rank) >= 0 ? integer(rank) : null,
    waiting: integer(waiting),
    active: integer(active),
    maxUsers: integer(maxUsers),
    threshold: integer(threshold),
    status: status as Tier2Status,
    admittedTotal: integer(admittedTotal),
    nowMs: integer(nowMs),
  };
}

/**
 * The Tier-2 line of every event, on the architecture's Redis keys. The operator writes `maxUsers`,
 * `threshold`, `status` and `queue:active-events`; this class owns the rest and changes them only
 * through the scripts in tier2-scripts.ts.
 */
export class Tier2Queue {
  private readonly redis: Redis;
  private readonly activeTtlMs: number;
  private readonly defaults: Tier2Defaults;
  private readonly isManaged: ((eventId: string) => Promise<boolean>) | undefined;
  private readonly requestWorkLimit: number;
  private readonly sweepWorkLimit: number;
  private readonly outboxKey: string;
  private readonly queueEventsKeys: { readonly outbox: string; readonly sequence: string };

  constructor(options: Tier2QueueOptions) {
    this.redis = options.redis;
    this.activeTtlMs = Math.max(1, Math.round(options.activeTtlMs));
    this.defaults = options.defaults;
    this.isManaged = options.isManaged;
    this.requestWorkLimit = options.requestWorkLimit ?? 100;
    this.sweepWorkLimit = options.sweepWorkLimit ?? 1000;
    this.outboxKey = options.outboxKey ?? defaultAdmissionOutboxKey;
    this.queueEventsKeys =
      options.queueEventsKeys ??
      (options.outboxKey
        ? { outbox: `${options.outboxKey}:queue-events`, sequence: `${options.outboxKey}:line-sequence` }
        : defaultQueueEventsOutboxKeys);
    for (const [operation, name] of Object.entries(commandNames)) {
      this.redis.defineCommand(name, {
        numberOfKeys: tier2ScriptKeyCount,
        lua: tier2Scripts[operation as Tier2Operation],
      });
    }
  }

  /**
   * Lines the user up, or keeps their place or slot. `mayTakePlace` says whether a newcomer may take a
   * new place (the Tier-1 pass check); someone already in line or admitted keeps theirs either way.
   */
  enter(eventId: string, userId: string, options: { readonly mayTakePlace: boolean }): Promise<Tier2View> {
    return this.run('enter', eventId, userId, this.requestWorkLimit, options.mayTakePlace);
  }

  status(eventId: string, userId: string): Promise<Tier2View> {
    return this.run('status', eventId, userId, this.requestWorkLimit);
  }

  heartbeat(eventId: string, userId: string): Promise<Tier2View> {
    return this.run('heartbeat', eventId, userId, this.requestWorkLimit);
  }

  leave(eventId: string, userId: string): Promise<Tier2View> {
    return this.run('leave', eventId, userId, this.requestWorkLimit);
  }

  /** Expires and hands on slots without a user's call (the sweeper job). */
  sweep(eventId: string): Promise<Tier2View> {
    return this.run('sweep', eventId, '', this.sweepWorkLimit);
  }

  /** Whether the event has Tier-2 state already (set up by the operator, or entered before). */
  async knows(eventId: string): Promise<boolean> {
    return (await this.redis.exists(tier2Keys.status(eventId), tier2Keys.counter(eventId))) > 0;
  }

  /** Events the operator lists as admitting (`queue:active-events`). */
  activeEventIds(): Promise<string[]> {
    return this.redis.smembers(tier2Keys.activeEvents());
  }

  private async run(
    operation: Tier2Operation,
    eventId: string,
    userId: string,
    workLimit: number,
    mayTakePlace = false,
  ) {
    const defaults = (await this.isManaged?.(eventId)) ? settingsAwaitingTheOperator : this.defaults;
    const reply = await this.redis[commandNames[operation]](
      ...allTier2KeysOf(eventId),
      this.outboxKey,
      this.queueEventsKeys.outbox,
      this.queueEventsKeys.sequence,
      eventId,
      userId,
      randomUUID(),
      this.activeTtlMs,
      defaults.maxUsers,
      defaults.threshold,
      defaults.status,
      workLimit,
      mayTakePlace ? '1' : '0',
    );
    return parseTier2Reply(reply);
  }
}
