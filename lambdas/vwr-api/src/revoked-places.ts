import type { AccountPlace } from '@urr/vwr-shared/account-place';
import type { PassRevocations } from '@urr/vwr-shared/pass-revocations';
import type { PositionsStore } from '@urr/vwr-shared/positions-store';
import { slotId } from '@urr/vwr-shared/slots';

export type RevokedPlaces = ReturnType<typeof createRevokedPlaces>;

/**
 * A place taken before its account's passes were revoked (signed out everywhere, or an admin's
 * revocation; docs/adr/0040) earns no pass: it is ended as leaving would end it (a waiting slot goes to
 * the next in line) and the account may join again at the back.
 */
export function createRevokedPlaces(options: {
  readonly revocations: Pick<PassRevocations, 'revokes'>;
  readonly positions: PositionsStore;
}) {
  return {
    /** True when the place was revoked, and is now ended. */
    async endIfRevoked(place: AccountPlace, now: number): Promise<boolean> {
      if (!(await options.revocations.revokes(place.account, place.issuedAt))) return false;
      await options.positions.leave(slotId(place), place.eventId, now);
      await options.positions.releasePlace(place);
      return true;
    },
  };
}
