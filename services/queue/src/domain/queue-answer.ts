import type { Tier2Status } from '@urr/common/queue/tier2-keys';
import type { Tier2View } from './tier2-view.js';

/** What a user is told about their place; the routes add the entry token when admitted. */
export interface QueueAnswer {
  readonly eventId: string;
  readonly state: 'waiting' | 'admitted' | 'not-in-line';
  readonly queueStatus: Tier2Status;
  /** The user's arrival number; it never changes while they keep their place. */
  readonly queueNumber: number | null;
  /** 1-based place in line while waiting. */
  readonly position: number | null;
  readonly ahead: number | null;
  readonly behind: number | null;
  /** Expected wait in seconds; null when nothing moves (paused, sold out, closed, no slots at all). */
  readonly etaSeconds: number | null;
  /** `measured`: from the admissions of the last minute; `estimated`: from maxUsers and the slot TTL. */
  readonly etaBasis: 'measured' | 'estimated' | null;
  /** When to call again: status while waiting, heartbeat while admitted. */
  readonly pollAfterSeconds: number;
}

export interface AnswerContext {
  readonly eventId: string;
  /** Measured admissions per second, if there is enough history. */
  readonly admissionsPerSecond: number | undefined;
  readonly activeTtlSeconds: number;
}

const minPollSeconds = 2;
const maxPollSeconds = 15;

/** Time to wait for `position` admissions; the user is admitted with the position-th free slot. */
export function estimateWait(
  position: number,
  view: Pick<Tier2View, 'status' | 'maxUsers'>,
  context: Pick<AnswerContext, 'admissionsPerSecond' | 'activeTtlSeconds'>,
): Pick<QueueAnswer, 'etaSeconds' | 'etaBasis'> {
  if (view.status !== 'open' || view.maxUsers === 0) return { etaSeconds: null, etaBasis: null };
  const measured = context.admissionsPerSecond;
  if (measured !== undefined && measured > 0)
    return { etaSeconds: Math.ceil(position / measured), etaBasis: 'measured' };
  // Nothing measured yet: every slot turns over within one TTL when its holder stops heartbeating.
  const estimated = view.maxUsers / context.activeTtlSeconds;
  return { etaSeconds: Math.ceil(position / estimated), etaBasis: 'estimated' };
}

function clampPoll(seconds: number): number {
  return Math.min(maxPollSeconds, Math.max(minPollSeconds, Math.round(seconds)));
}

export function answerOf(view: Tier2View, context: AnswerContext): QueueAnswer {
  const base = { eventId: context.eventId, queueStatus: view.status, queueNumber: view.arrival };
  if (view.state === 'admitted')
    return {
      ...base,
      state: 'admitted',
      position: null,
      ahead: null,
      behind: null,
      etaSeconds: 0,
      etaBasis: null,
      // Three heartbeats fit in one TTL, so one lost request does not cost the slot.
      pollAfterSeconds: Math.max(1, Math.floor(context.activeTtlSeconds / 3)),
    };
  if (view.state === 'waiting' && view.rank !== null) {
    const position = view.rank + 1;
    const wait = estimateWait(position, view, context);
    return {
      ...base,
      state: 'waiting',
      position,
      ahead: view.rank,
      behind: view.waiting - position,
      ...wait,
      pollAfterSeconds: clampPoll(wait.etaSeconds === null ? maxPollSeconds : wait.etaSeconds / 10),
    };
  }
  return {
    ...base,
    queueNumber: null,
    state: 'not-in-line',
    position: null,
    ahead: null,
    behind: null,
    etaSeconds: null,
    etaBasis: null,
    pollAfterSeconds: maxPollSeconds,
  };
}
