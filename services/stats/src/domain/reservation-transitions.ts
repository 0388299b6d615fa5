/** A reservation's state as stats-service follows it from `reservation-events`. */
export const reservationStatuses = ['created', 'confirmed', 'cancelled', 'expired'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

export type ReservationEventType =
  | 'reservation.created'
  | 'reservation.confirmed'
  | 'reservation.cancelled'
  | 'reservation.expired';

export interface SalesDelta {
  readonly reservationsCreated: number;
  readonly reservationsConfirmed: number;
  readonly reservationsCancelled: number;
  readonly reservationsExpired: number;
  readonly ticketsSold: number;
  readonly salesAmount: number;
}

const none: SalesDelta = {
  reservationsCreated: 0,
  reservationsConfirmed: 0,
  reservationsCancelled: 0,
  reservationsExpired: 0,
  ticketsSold: 0,
  salesAmount: 0,
};

/**
 * What one reservation event changes. `current` is undefined for a reservation not seen before (it counts
 * as created, whichever event came first); the `sold` facts are the ones recorded at confirmation, so a
 * cancellation takes off exactly what the confirmation added. Undefined: the event changes nothing (a
 * repeat, or a move the life cycle does not have, such as expiring a confirmed reservation).
 */
export function reservationTransition(
  current: ReservationStatus | undefined,
  event: ReservationEventType,
  sold: { readonly ticketCount: number; readonly amount: number },
): { readonly next: ReservationStatus; readonly delta: SalesDelta } | undefined {
  const firstSeen = current === undefined;
  const from = current ?? 'created';
  const created = firstSeen ? 1 : 0;
  const result = (next: ReservationStatus, delta: Partial<SalesDelta> = {}) => ({
    next,
    delta: { ...none, reservationsCreated: created, ...delta },
  });
  switch (event) {
    case 'reservation.created':
      return firstSeen ? result('created') : undefined;
    case 'reservation.confirmed':
      return from === 'created'
        ? result('confirmed', {
            reservationsConfirmed: 1,
            ticketsSold: sold.ticketCount,
            salesAmount: sold.amount,
          })
        : undefined;
    case 'reservation.cancelled':
      if (from === 'created') return result('cancelled', { reservationsCancelled: 1 });
      if (from === 'confirmed')
        return result('cancelled', {
          reservationsCancelled: 1,
          ticketsSold: -sold.ticketCount,
          salesAmount: -sold.amount,
        });
      return undefined;
    case 'reservation.expired':
      return from === 'created' ? result('expired', { reservationsExpired: 1 }) : undefined;
  }
}

/** Confirmed out of created, 0 when nothing was created yet (a ratio, 0–1). */
export function conversionRate(created: number, confirmed: number): number {
  return created === 0 ? 0 : Math.round((confirmed / created) * 10_000) / 10_000;
}

/** The start of the UTC hour `at` falls in. */
export function hourOf(at: Date): Date {
  const hour = new Date(at);
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}
