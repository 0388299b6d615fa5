import { type AuthUser, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { type CheckInRow, findCheckIn, insertCheckIn, shareLockReservation } from '../db/check-in-store.js';
import type { ReservationRow } from '../db/reservation-store.js';
import {
  type TicketCodeClaims,
  type TicketCodeRefusal,
  TicketCodeRefused,
  verifyTicketCode,
} from '../domain/ticket-code.js';
import { conflict, notFound, unprocessable } from '../problems.js';

type CheckInDeps = Pick<TicketContext, 'db' | 'now' | 'ticketCodes'>;

export interface CheckInRequest {
  readonly code: string;
  /** Where the ticket is scanned, e.g. "North gate 3"; told to whoever scans it again. */
  readonly gate: string;
  /** The event this door admits to; a ticket for another one is refused. */
  readonly eventId?: string | undefined;
}

const refusalDetails: Record<Exclude<TicketCodeRefusal, 'expired'>, string> = {
  'bad-signature': 'the code is not signed by URR',
  malformed: 'this is not a URR ticket code',
  'not-yet-valid': "the code's window has not begun; check the scanner's clock",
};

async function verifiedClaims(deps: CheckInDeps, code: string): Promise<TicketCodeClaims> {
  try {
    return await verifyTicketCode(code, deps.ticketCodes.publicKey, deps.now());
  } catch (error) {
    if (!(error instanceof TicketCodeRefused)) throw error;
    if (error.reason === 'expired')
      throw unprocessable(
        'ticket-code-expired',
        'the code has expired (codes change every 30 s): ask the holder to show the live one',
      );
    throw unprocessable('ticket-code-invalid', refusalDetails[error.reason], { reason: error.reason });
  }
}

const usedProblem = (used: CheckInRow) =>
  conflict(
    'ticket-used',
    `ticket ${used.ticketNumber} of this reservation was checked in at ${used.gate} at ${used.checkedInAt.toISOString()}`,
    { usedAt: used.checkedInAt.toISOString(), gate: used.gate },
  );

/**
 * Admits the ticket a door code names, once: the code must verify for the current window and name the
 * reservation's current holder generation; the ticket's check-in row is then written unless another
 * scan wrote it first, in which case the answer says when and where (docs/adr/0039).
 */
export async function checkInTicket(
  deps: CheckInDeps,
  staff: AuthUser,
  request: CheckInRequest,
): Promise<{ checkIn: CheckInRow; reservation: ReservationRow }> {
  const claims = await verifiedClaims(deps, request.code);
  return withTransaction(deps.db.primary, async (tx) => {
    const reservation = await shareLockReservation(tx, claims.reservationId);
    if (!reservation || claims.ticketNumber > reservation.ticketCount)
      throw notFound('ticket', `${claims.ticketNumber} of reservation ${claims.reservationId}`);
    if (request.eventId !== undefined && reservation.eventId !== request.eventId)
      throw conflict('wrong-event', 'the ticket is for another event', { eventId: reservation.eventId });
    if (reservation.status !== 'CONFIRMED')
      throw conflict('ticket-void', `the reservation is ${reservation.status}: its tickets admit nobody`);
    if (reservation.userId !== claims.holderId || reservation.holderGeneration !== claims.holderGeneration)
      throw conflict(
        'ticket-transferred',
        "the ticket was transferred since this code was made: only the current holder's code admits",
      );
    const checkIn = await insertCheckIn(tx, {
      reservationId: reservation.id,
      ticketNumber: claims.ticketNumber,
      gate: request.gate,
      checkedInBy: staff.id,
      checkedInAt: deps.now(),
    });
    if (checkIn) return { checkIn, reservation };
    const used = await findCheckIn(tx, reservation.id, claims.ticketNumber);
    if (!used) throw new Error('a ticket check-in conflicted with a row that is not there');
    throw usedProblem(used);
  });
}
