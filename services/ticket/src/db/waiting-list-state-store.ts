import type { Redis } from '@urr/common';
import { waitingListKey, waitingListKeyStates } from '@urr/common/queue/waiting-list-key';
import type { WaitingListState } from '../domain/waiting-list.js';

/** Reads a sale's waiting-list state, as the operator last wrote it (docs/adr/0042). */
export type WaitingListStates = (eventId: string) => Promise<WaitingListState>;

export function waitingListStatesIn(redis: Redis): WaitingListStates {
  return async (eventId) => {
    const state = await redis.get(waitingListKey(eventId));
    return waitingListKeyStates.find((known) => known === state) ?? 'not-open';
  };
}
