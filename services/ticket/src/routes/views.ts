import { membershipTiers, z } from '@urr/common';
import type { EventRow, PerformanceRow } from '../db/event-store.js';
import type { MembershipRow } from '../db/membership-store.js';
import type { ReservationRow, ReservationSeatView } from '../db/reservation-store.js';
import type { TicketTypeRow } from '../db/ticket-type-store.js';
import type { TransferRow } from '../db/transfer-store.js';
import { eventStatuses } from '../domain/purchase-window.js';
import { cancelReasons, reservationStatuses } from '../domain/reservation-status.js';

/** Response schemas and the functions that turn rows into them. */

export const isoDateTime = z.iso.datetime({ offset: true });
const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const idParam = z.object({ id: z.uuid() });

export const ReservationSeat = z
  .object({
    seatId: z.uuid(),
    section: z.string(),
    row: z.string(),
    number: z.number().int(),
    grade: z.string(),
    price: z.number().int(),
  })
  .openapi('ReservationSeat');

export const Reservation = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    performanceId: z.uuid(),
    kind: z.enum(['seat', 'standing']),
    status: z.enum(reservationStatuses),
    amount: z.number().int().openapi({ description: 'integer minor units of currency (KRW: won)' }),
    currency: z.string().length(3),
    ticketCount: z.number().int(),
    seats: z.array(ReservationSeat),
    ticketTypeId: z.uuid().nullable(),
    expiresAt: isoDateTime.openapi({ description: 'an unpaid hold ends here' }),
    paymentId: z.uuid().nullable(),
    refundedAmount: z
      .number()
      .int()
      .openapi({ description: 'what has been refunded of the payment (a partial refund keeps it paid)' }),
    cancelReason: z.enum(cancelReasons).nullable(),
    createdAt: isoDateTime,
    confirmedAt: isoDateTime.nullable(),
    cancelledAt: isoDateTime.nullable(),
    expiredAt: isoDateTime.nullable(),
  })
  .openapi('Reservation');

export function reservationView(row: ReservationRow, seats: readonly ReservationSeatView[] = []) {
  return {
    id: row.id,
    eventId: row.eventId,
    performanceId: row.performanceId,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    ticketCount: row.ticketCount,
    seats: [...seats],
    ticketTypeId: row.ticketTypeId,
    expiresAt: iso(row.expiresAt),
    paymentId: row.paymentId,
    refundedAmount: row.refundedAmount,
    cancelReason: (row.cancelReason as z.infer<typeof Reservation>['cancelReason']) ?? null,
    createdAt: iso(row.createdAt),
    confirmedAt: isoOrNull(row.confirmedAt),
    cancelledAt: isoOrNull(row.cancelledAt),
    expiredAt: isoOrNull(row.expiredAt),
  };
}

export const Performance = z
  .object({ id: z.uuid(), eventId: z.uuid(), startsAt: isoDateTime, endsAt: isoDateTime.nullable() })
  .openapi('Performance');

export function performanceView(row: PerformanceRow) {
  return { id: row.id, eventId: row.eventId, startsAt: iso(row.startsAt), endsAt: isoOrNull(row.endsAt) };
}

export const TicketType = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    performanceId: z.uuid(),
    name: z.string(),
    price: z.number().int(),
    quantity: z.number().int(),
    remaining: z.number().int(),
    perUserLimit: z.number().int(),
  })
  .openapi('TicketType');

export function ticketTypeView(row: TicketTypeRow) {
  return {
    id: row.id,
    eventId: row.eventId,
    performanceId: row.performanceId,
    name: row.name,
    price: row.price,
    quantity: row.quantity,
    remaining: row.remaining,
    perUserLimit: row.perUserLimit,
  };
}

export const Event = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    category: z.string(),
    kind: z.enum(['seated', 'standing']),
    status: z.enum(eventStatuses),
    artistId: z.uuid(),
    venueId: z.uuid(),
    organiserId: z.string(),
    currency: z.string().length(3),
    presaleOpensAt: isoDateTime.nullable(),
    salesOpenAt: isoDateTime,
    salesCloseAt: isoDateTime,
    maxTicketsPerReservation: z.number().int(),
    maxHeldTicketsPerAccount: z.number().int(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('Event');

export function eventView(row: EventRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    kind: row.kind,
    status: row.status,
    artistId: row.artistId,
    venueId: row.venueId,
    organiserId: row.organiserId,
    currency: row.currency,
    presaleOpensAt: isoOrNull(row.presaleOpensAt),
    salesOpenAt: iso(row.salesOpenAt),
    salesCloseAt: iso(row.salesCloseAt),
    maxTicketsPerReservation: row.maxTicketsPerReservation,
    maxHeldTicketsPerAccount: row.maxHeldTicketsPerAccount,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export const Membership = z
  .object({
    id: z.uuid(),
    userId: z.string(),
    artistId: z.uuid(),
    tier: z.enum(membershipTiers),
    joinedAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('Membership');

export function membershipView(row: MembershipRow) {
  return {
    id: row.id,
    userId: row.userId,
    artistId: row.artistId,
    tier: row.tier,
    joinedAt: iso(row.joinedAt),
    updatedAt: iso(row.updatedAt),
  };
}

export const Transfer = z
  .object({
    id: z.uuid(),
    reservationId: z.uuid(),
    fromUserId: z.string(),
    toUserId: z.string().nullable(),
    status: z.enum(['PENDING', 'COMPLETED', 'CANCELLED']),
    createdAt: isoDateTime,
    completedAt: isoDateTime.nullable(),
    cancelledAt: isoDateTime.nullable(),
  })
  .openapi('Transfer');

export function transferView(row: TransferRow) {
  return {
    id: row.id,
    reservationId: row.reservationId,
    fromUserId: row.fromUserId,
    toUserId: row.toUserId,
    status: row.status,
    createdAt: iso(row.createdAt),
    completedAt: isoOrNull(row.completedAt),
    cancelledAt: isoOrNull(row.cancelledAt),
  };
}
