/**
 * A sale's waiting list state in Redis, next to the Tier-2 settings: the operator writes it from the
 * sale's phase (`open` once it sold out, `closed` once it closed), ticket-service reads it before it lets
 * fans join or offers them returned seats. Unset: the list has not opened (docs/adr/0042).
 */
export const waitingListKey = (eventId: string) => `waiting-list:${eventId}:state`;

export const waitingListKeyStates = ['open', 'closed'] as const;
export type WaitingListKeyState = (typeof waitingListKeyStates)[number];
