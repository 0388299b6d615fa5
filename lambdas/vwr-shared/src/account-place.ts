import type { Band, Slot } from './slots.js';

/**
 * The one place an account holds in an event's waiting room (docs/adr/0007): the slot it took, kept in the
 * positions table under the account's key so a second assign, from any device, finds it instead of taking
 * another slot (and another lottery ticket before the opening).
 */
export interface AccountPlace extends Slot {
  readonly account: string;
  readonly shards: number;
  /** Epoch seconds the place was taken. */
  readonly issuedAt: number;
}

/** The positions table key of an account's place; `place#` never collides with a slot id (`{eventId}#…`). */
export const accountPlaceKey = (eventId: string, account: string) => `place#${eventId}#${account}`;

export const encodePlace = (place: AccountPlace): string =>
  JSON.stringify([place.band, place.shard, place.seq, place.shards, place.issuedAt]);

export function decodePlace(eventId: string, account: string, encoded: string): AccountPlace {
  const [band, shard, seq, shards, issuedAt] = JSON.parse(encoded) as [Band, number, number, number, number];
  return { eventId, account, band, shard, seq, shards, issuedAt };
}
