import type { Requester } from './http';
import type { components, paths } from './public-api';

/** ticket-service's tickets: the holder's live door codes and the doors' check-ins (docs/adr/0039). */
export type TicketPass = components['schemas']['TicketPass'];
export type HeldTicket = TicketPass['tickets'][number];
export type CheckIn = components['schemas']['CheckIn'];
export type TicketCodeKeySet = components['schemas']['TicketCodeKeySet'];
export type CheckInRequest =
  paths['/api/v1/tickets/check-ins']['post']['requestBody']['content']['application/json'];

export function ticketCalls(call: Requester) {
  return {
    /** My tickets of a paid reservation with each one's code for the current 30-second window. */
    pass: (reservationId: string) => call<TicketPass>(`/api/v1/tickets/${encodeURIComponent(reservationId)}`),
    /** The public keys that verify door codes, for checking them while the connection is down. */
    keys: () => call<TicketCodeKeySet>('/api/v1/tickets/.well-known/jwks.json'),
    /** Staff: admit the ticket a code names (once). */
    checkIn: (body: CheckInRequest) => call<CheckIn>('/api/v1/tickets/check-ins', { method: 'POST', body }),
  };
}
