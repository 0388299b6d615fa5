import { artistCalls } from './artist-client';
import { communityCalls } from './community-client';
import type { Requester } from './http';
import { membershipCalls } from './membership-client';
import { waitingListCalls } from './waiting-list-client';

/** The fan pages' calls (artists, community, fan clubs, waiting lists), spread into the app's one client. */
export function fanCalls(call: Requester) {
  return {
    artists: artistCalls(call),
    community: communityCalls(call),
    memberships: membershipCalls(call),
    waitingList: waitingListCalls(call),
  };
}
