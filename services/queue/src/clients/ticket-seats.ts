import { createInternalClient, z } from '@urr/common';

export interface SeatFigures {
  readonly total: number;
  readonly sold: number;
  readonly held: number;
}

const salesFigures = z.object({
  seatsTotal: z.number().int().nonnegative(),
  seatsSold: z.number().int().nonnegative(),
  seatsHeld: z.number().int().nonnegative(),
});

/** ticket-service's seat figures of an event (`GET /internal/events/{id}/sales`), for the sale sampler. */
export function ticketSeats(options: { readonly ticketUrl: string; readonly internalToken: string }) {
  const client = createInternalClient({
    baseUrl: options.ticketUrl,
    token: options.internalToken,
    timeoutMs: 2000,
  });
  return async (eventId: string): Promise<SeatFigures> => {
    const figures = await client.get(`/internal/events/${encodeURIComponent(eventId)}/sales`, {
      schema: salesFigures,
    });
    return { total: figures.seatsTotal, sold: figures.seatsSold, held: figures.seatsHeld };
  };
}
