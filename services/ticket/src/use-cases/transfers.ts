import { type AuthUser, type DbClient, sqlStateOf, withTransaction } from '@urr/common';
import type { TicketContext } from '../context.js';
import { lockReservation, moveReservation } from '../db/reservation-store.js';
import { addToHolding, removeFromHolding } from '../db/ticket-holding-store.js';
import { findTicketType } from '../db/ticket-type-store.js';
import {
  findTransfer,
  insertTransfer,
  lockTransfer,
  setTransferStatus,
  type TransferRow,
} from '../db/transfer-store.js';
import { claimCodeMatches, hashClaimCode, newClaimCode } from '../domain/claim-code.js';
import { conflict, forbidden, notFound, unprocessable } from '../problems.js';
import { publishTransferCompleted } from './outbox-events.js';

type TransferDeps = Pick<TicketContext, 'db' | 'now'>;

/**
 * Locks, in the order every reservation change takes them (the reservation's row, then its transfer's),
 * the transfer and the reservation it offers; both as they are under the locks (docs/adr/0010).
 */
async function lockTransferAndReservation(tx: DbClient, transferId: string) {
  const offered = await findTransfer(tx, transferId);
  if (!offered) return undefined;
  const reservation = await lockReservation(tx, offered.reservationId);
  const transfer = await lockTransfer(tx, transferId);
  return transfer && { transfer, reservation };
}

/**
 * Offers a paid reservation to someone else: the sender gets a one-time claim code (shown only now)
 * to pass on; whoever claims it with that code becomes the reservation's holder.
 */
export async function offerTransfer(
  deps: TransferDeps,
  user: AuthUser,
  reservationId: string,
): Promise<{ transfer: TransferRow; claimCode: string }> {
  const claimCode = newClaimCode();
  try {
    const transfer = await withTransaction(deps.db.primary, async (tx) => {
      const reservation = await lockReservation(tx, reservationId);
      if (!reservation || reservation.userId !== user.id) throw notFound('reservation', reservationId);
      if (reservation.status !== 'CONFIRMED')
        throw conflict(
          'not-transferable',
          `only paid reservations can be transferred; this one is ${reservation.status}`,
        );
      return insertTransfer(tx, reservation, hashClaimCode(claimCode), deps.now());
    });
    return { transfer, claimCode };
  } catch (error) {
    if (sqlStateOf(error) === '23505')
      throw conflict('transfer-pending', `reservation ${reservationId} already has a pending transfer`);
    throw error;
  }
}

/** The recipient claims a transfer with its code; the reservation (and its tickets) become theirs. */
export async function acceptTransfer(
  deps: TransferDeps,
  user: AuthUser,
  transferId: string,
  claimCode: string,
): Promise<TransferRow> {
  return withTransaction(deps.db.primary, async (tx) => {
    const now = deps.now();
    const locked = await lockTransferAndReservation(tx, transferId);
    if (!locked) throw notFound('transfer', transferId);
    const { transfer, reservation } = locked;
    if (transfer.status !== 'PENDING')
      throw conflict('transfer-closed', `the transfer is ${transfer.status}`);
    if (!claimCodeMatches(claimCode, transfer.claimCodeHash))
      throw forbidden('wrong-claim-code', 'the claim code does not match this transfer');
    if (transfer.fromUserId === user.id)
      throw unprocessable('own-transfer', 'you cannot claim a transfer you offered; cancel it instead');
    if (reservation?.status !== 'CONFIRMED' || reservation.userId !== transfer.fromUserId)
      throw conflict('not-transferable', 'the reservation is no longer the sender’s to transfer');
    if (reservation.kind === 'standing' && reservation.ticketTypeId) {
      const ticketType = await findTicketType(tx, reservation.ticketTypeId);
      const limit = ticketType?.perUserLimit ?? 0;
      await removeFromHolding(tx, reservation.ticketTypeId, reservation.userId, reservation.ticketCount);
      if (!(await addToHolding(tx, reservation.ticketTypeId, user.id, reservation.ticketCount, limit)))
        throw conflict(
          'per-user-limit',
          `with these tickets you would hold more than ${limit} "${ticketType?.name}" tickets`,
          { perUserLimit: limit },
        );
    }
    const moved = await moveReservation(tx, reservation, user.id, now);
    const completed = await setTransferStatus(tx, transfer.id, {
      status: 'COMPLETED',
      toUserId: user.id,
      completedAt: now,
    });
    await publishTransferCompleted(tx, completed, moved);
    return completed;
  });
}

/** The sender withdraws a transfer nobody claimed yet. */
export async function withdrawTransfer(deps: TransferDeps, user: AuthUser, transferId: string) {
  return withTransaction(deps.db.primary, async (tx) => {
    const transfer = (await lockTransferAndReservation(tx, transferId))?.transfer;
    if (!transfer || transfer.fromUserId !== user.id) throw notFound('transfer', transferId);
    if (transfer.status !== 'PENDING')
      throw conflict('transfer-closed', `the transfer is ${transfer.status}`);
    return setTransferStatus(tx, transfer.id, { status: 'CANCELLED', cancelledAt: deps.now() });
  });
}
