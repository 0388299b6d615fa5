import type { Membership, MembershipPage, PresaleSchedule } from './fan-types';
import type { Requester } from './http';

/** ticket-service's fan clubs: mine, joining one, and when my tier may buy an event's tickets. */
export function membershipCalls(call: Requester) {
  return {
    list: () => call<MembershipPage>('/api/v1/memberships', { query: { size: 100 } }),
    /** Joins at the entry tier; joining again keeps the tier the fan has. */
    join: (artistId: string) =>
      call<Membership>('/api/v1/memberships', { method: 'POST', body: { artistId } }),
    presaleSchedule: (eventId: string) =>
      call<PresaleSchedule>(`/api/v1/memberships/events/${encodeURIComponent(eventId)}/schedule`),
  };
}
