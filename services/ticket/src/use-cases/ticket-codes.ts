import type { AuthUser } from '@urr/common';
import type { TicketContext } from '../context.js';
import { type CheckInRow, checkInsOf } from '../db/check-in-store.js';
import { findReservation, type ReservationRow } from '../db/reservation-store.js';
import { ticketCodeWindowOf } from '../domain/ticket-code.js';
import { conflict, notFound } from '../problems.js';

type TicketCodeDeps = Pick<TicketContext, 'db' | 'now' | 'ticketCodes'>;

export interface HeldTicket {
  readonly number: number;
  /** The door code for the current window; null once the ticket was checked in. */
  readonly code: string | null;
  readonly checkIn: CheckInRow | undefined;
}

export interface TicketCodes {
  readonly reservation: ReservationRow;
  readonly tickets: readonly HeldTicket[];
  readonly validFrom: Date;
  readonly validUntil: Date;
}

/**
 * The holder's tickets of a paid reservation, each with its door code for the current window. Codes carry
 * the holder generation read here: after a transfer they no longer admit (docs/adr/0039).
 */
export async function ticketCodesOf(
  deps: TicketCodeDeps,
  user: AuthUser,
  reservationId: string,
): Promise<TicketCodes> {
  const reservation = await findReservation(deps.db.primary, reservationId);
  if (!reservation || reservation.userId !== user.id) throw notFound('reservation', reservationId);
  if (reservation.status !== 'CONFIRMED')
    throw conflict('no-tickets', `only paid reservations have tickets; this one is ${reservation.status}`);
  const now = deps.now();
  const checkIns = new Map(
    (await checkInsOf(deps.db.primary, reservationId)).map((row) => [row.ticketNumber, row]),
  );
  const tickets = await Promise.all(
    Array.from({ length: reservation.ticketCount }, async (_, index): Promise<HeldTicket> => {
      const number = index + 1;
      const checkIn = checkIns.get(number);
      if (checkIn) return { number, code: null, checkIn };
      const signed = await deps.ticketCodes.sign(
        {
          reservationId,
          ticketNumber: number,
          holderId: reservation.userId,
          holderGeneration: reservation.holderGeneration,
        },
        now,
      );
      return { number, code: signed.code, checkIn };
    }),
  );
  return { reservation, tickets, ...ticketCodeWindowOf(now) };
}
