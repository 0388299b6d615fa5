/** Where a reservation is in its life: an unpaid hold, paid, or over. */
export const reservationStatuses = ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** A reservation in one of these holds its seats or standing tickets. */
export const activeStatuses = [
  'PENDING_PAYMENT',
  'CONFIRMED',
] as const satisfies readonly ReservationStatus[];

export function isActive(status: ReservationStatus): boolean {
  return (activeStatuses as readonly ReservationStatus[]).includes(status);
}

const transitions: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  PENDING_PAYMENT: ['CONFIRMED', 'CANCELLED', 'EXPIRED'],
  CONFIRMED: ['CANCELLED'],
  CANCELLED: [],
  EXPIRED: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return transitions[from].includes(to);
}

/** Who cancels: the buyer, payment-service's failure report, or an admin. */
export const cancelReasons = ['user', 'payment-failed', 'admin'] as const;
export type CancelReason = (typeof cancelReasons)[number];

export type CancelDecision =
  | { readonly allowed: true; readonly refund: boolean }
  | { readonly allowed: false; readonly detail: string };

/**
 * Whether a reservation in `status` may be cancelled for `reason`, and whether money goes back. A failed
 * payment only ends an unpaid hold; a paid reservation is cancelled with a refund.
 */
export function decideCancel(status: ReservationStatus, reason: CancelReason): CancelDecision {
  if (!canTransition(status, 'CANCELLED'))
    return { allowed: false, detail: `the reservation is ${status} and cannot be cancelled` };
  if (reason === 'payment-failed' && status !== 'PENDING_PAYMENT')
    return { allowed: false, detail: `a failed payment cannot cancel a reservation that is ${status}` };
  return { allowed: true, refund: status === 'CONFIRMED' };
}

export interface CancelledPayment {
  readonly status: ReservationStatus;
  readonly amount: number;
  /** The payment that confirmed it. */
  readonly paymentId: string | null;
}

/**
 * The payment a cancel gives back, if any: a paid reservation's own, or one payment-service captured for
 * an unpaid hold before the hold heard of it. Nothing when the seats were free or the money is back
 * already.
 */
export function paymentToRefund(
  reservation: CancelledPayment,
  payment: { readonly capturedPaymentId?: string | undefined; readonly alreadyRefunded?: boolean },
): string | undefined {
  if (reservation.amount === 0 || payment.alreadyRefunded) return undefined;
  if (reservation.status === 'CONFIRMED') return reservation.paymentId ?? undefined;
  return payment.capturedPaymentId;
}
