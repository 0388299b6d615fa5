import { HttpProblem, type Logger } from '@urr/common';
import type { VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import type { WaitingRooms } from '../db/waiting-room-store.js';
import { isSaleOpening } from '../domain/sale-opening.js';
import { tier1PassVerdict, tier1Refusal } from '../domain/tier1-pass.js';

/** Decides whether a newcomer may take a place in an event's Tier-2 line. */
export interface Tier1Gate {
  /**
   * Undefined when they may; else the problem that says why not: 403 for the pass, 503 when the waiting
   * room cannot be read. Someone already in line keeps their place either way (the enter script decides).
   */
  refusalFor(
    passes: readonly (string | undefined)[],
    entrant: { readonly eventId: string; readonly userId: string },
  ): Promise<HttpProblem | undefined>;
  /**
   * Whether the event's sale opened moments ago (its counters item says so), so Tier 1 may already have let
   * fans through while Tier 2 is still closed. False when the item cannot be read.
   */
  isOpening(eventId: string, now: number): Promise<boolean>;
}

/**
 * A valid Tier-1 pass for the event and the account always lets a newcomer line up; without one they may
 * only while the event's waiting room is not active. The waiting room is asked only when the pass fails;
 * when it cannot be asked, a newcomer is turned away (503) rather than let past a room that may be active.
 */
export function createTier1Gate(options: {
  readonly keyring: VwrTokenKeyring;
  readonly rooms: WaitingRooms;
  /** The account's pass revocation second (docs/adr/0040); read only when a pass is presented. */
  readonly revokedBefore: (userId: string) => Promise<number | undefined>;
  readonly logger: Logger;
}): Tier1Gate {
  return {
    async refusalFor(passes, entrant) {
      const revokedBefore = passes.some(Boolean) ? await options.revokedBefore(entrant.userId) : undefined;
      const verdict = await tier1PassVerdict(passes, options.keyring, { ...entrant, revokedBefore });
      if (verdict === 'valid') return undefined;
      let active: boolean;
      try {
        active = await options.rooms.isActive(entrant.eventId);
      } catch (error) {
        options.logger.warn({ err: error, eventId: entrant.eventId }, 'waiting room state unreadable');
        return new HttpProblem(
          503,
          {
            type: 'urn:urr:problem:waiting-room-unavailable',
            title: 'Service Unavailable',
            detail: `cannot tell whether event ${entrant.eventId} has an active waiting room; try again`,
          },
          { 'retry-after': '2' },
        );
      }
      return active ? tier1Refusal(verdict, entrant.eventId) : undefined;
    },

    async isOpening(eventId, now) {
      try {
        return isSaleOpening(await options.rooms.opensAt(eventId), now);
      } catch (error) {
        options.logger.warn({ err: error, eventId }, 'waiting room state unreadable');
        return false;
      }
    },
  };
}
