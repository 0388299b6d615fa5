import type { Requester } from './http';
import type { components, paths } from './public-api';

/** ticket-service's waiting list of a sold-out sale (docs/adr/0042). */
export type WaitingListEntry = components['schemas']['WaitingListEntry'];
export type WaitingListPlace = components['schemas']['WaitingListPlace'];
export type WaitingListJoin =
  paths['/api/v1/events/{id}/waiting-list']['post']['requestBody']['content']['application/json'];

const listOf = (eventId: string) => `/api/v1/events/${encodeURIComponent(eventId)}/waiting-list`;

/**
 * No `eventId` option on these calls: the waiting list is not a booking step, so the edge asks for no
 * waiting-room pass (a sold-out sale gives none).
 */
export function waitingListCalls(call: Requester) {
  return {
    /** The list's state (`not-open`, `open`, `closed`) and my entry, null when I am not in line. */
    place: (eventId: string) => call<WaitingListPlace>(listOf(eventId)),
    join: (eventId: string, body: WaitingListJoin) =>
      call<WaitingListEntry>(listOf(eventId), { method: 'POST', body }),
    leave: (eventId: string) => call<WaitingListEntry>(listOf(eventId), { method: 'DELETE' }),
    /** My entries of every sale, newest first, with my places and offers. */
    mine: () => call<{ items: WaitingListEntry[] }>('/api/v1/waiting-list'),
    /** The grades of a seated sale with their prices, read off the seat map (any performance has them all). */
    grades: async (eventId: string, performanceId: string) => {
      const map = await call<components['schemas']['SeatAvailability']>(
        `/api/v1/events/${encodeURIComponent(eventId)}/seats`,
        { query: { performanceId } },
      );
      const prices = new Map<string, number>();
      for (const seat of map.seats) prices.set(seat.grade, seat.price);
      return [...prices].map(([name, price]) => ({ name, price })).sort((a, b) => b.price - a.price);
    },
    /** The ticket types of a standing sale. */
    ticketTypes: (eventId: string) =>
      call<{ items: components['schemas']['TicketType'][] }>(
        `/api/v1/events/${encodeURIComponent(eventId)}/ticket-types`,
      ),
  };
}
