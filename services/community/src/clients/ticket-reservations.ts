import { HttpProblem, InternalCallError, type InternalClient, type Logger, z } from '@urr/common';

export interface TicketReservations {
  /**
   * Whether ticket-service has a confirmed reservation of `userId` for `eventId`. Never guesses: when
   * ticket-service cannot answer it throws a 503 problem, so no review gets in unchecked.
   */
  readonly hasConfirmedReservation: (userId: string, eventId: string, requestId?: string) => Promise<boolean>;
}

const answer = z.object({ confirmed: z.boolean() });

/** ticket-service's internal reservations API (`TICKET_URL`). */
export function createTicketReservations(options: {
  readonly client: InternalClient;
  readonly logger: Logger;
}): TicketReservations {
  return {
    hasConfirmedReservation: async (userId, eventId, requestId) => {
      try {
        const { confirmed } = await options.client.get('/internal/reservations/confirmed', {
          query: { userId, eventId },
          schema: answer,
          ...(requestId ? { requestId } : {}),
        });
        return confirmed;
      } catch (error) {
        if (!(error instanceof InternalCallError)) throw error;
        options.logger.warn(
          { err: error, userId, eventId },
          'ticket-service could not confirm a reservation',
        );
        throw new HttpProblem(
          503,
          {
            type: 'urn:urr:problem:reservation-check-unavailable',
            title: 'Service Unavailable',
            detail: 'cannot check your reservation for this event right now; try again shortly',
          },
          { 'retry-after': '5' },
        );
      }
    },
  };
}
