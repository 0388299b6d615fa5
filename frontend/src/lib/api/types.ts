/**
 * The shapes of the backend's answers, as the services' route schemas declare them (services/<name>/src/routes,
 * lambdas/vwr-api/src/http.ts). Change them here only.
 */

export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly size: number;
  readonly total: number;
  readonly totalPages: number;
}

// auth-service
export type Role = 'user' | 'admin';
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly createdAt: string;
}
export interface Session {
  readonly account: Account;
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

// catalog-service
export const eventStatuses = ['scheduled', 'on-sale', 'sold-out', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export type EventKind = 'seated' | 'standing';
export const eventSorts = [
  'startsAt',
  '-startsAt',
  'salesOpenAt',
  '-salesOpenAt',
  'title',
  '-title',
  'priceMin',
  '-priceMin',
] as const;
export type EventSort = (typeof eventSorts)[number];

export interface EventSummary {
  readonly id: string;
  readonly title: string;
  readonly artist: { readonly id: string; readonly name: string };
  readonly venue: { readonly id: string; readonly name: string; readonly city: string };
  readonly organiserId: string;
  readonly category: string;
  readonly kind: EventKind;
  readonly status: EventStatus;
  readonly salesOpenAt: string;
  readonly salesCloseAt: string;
  readonly firstPerformanceAt: string | null;
  readonly lastPerformanceAt: string | null;
  readonly priceRange: { readonly min: number; readonly max: number; readonly currency: string };
}
export interface EventDetail extends EventSummary {
  readonly description: string;
  readonly performances: { readonly id: string; readonly startsAt: string }[];
  readonly organiser: { readonly id: string; readonly displayName: string | null };
}
export interface EventQuery {
  readonly q?: string;
  readonly category?: string;
  readonly city?: string;
  readonly status?: string;
  readonly kind?: EventKind;
  readonly from?: string;
  readonly to?: string;
  readonly sort?: EventSort;
  readonly page?: number;
  readonly size?: number;
}

// Tier 1: vwr-api
export type VwrState =
  | {
      readonly status: 'admitted';
      readonly eventId: string;
      readonly position: number | null;
      readonly expiresAt: string;
    }
  | {
      readonly status: 'waiting';
      readonly eventId: string;
      /** Null while the opening is being sealed and positions are not final yet. */
      readonly position: number | null;
      readonly ahead: number | null;
      readonly etaSeconds: number | null;
      readonly pollAfterSeconds: number;
      /** True while the organiser has paused the sale: places are kept, nobody moves on. */
      readonly paused?: boolean;
    }
  | {
      readonly status: 'pre-queue';
      readonly eventId: string;
      readonly opensAt: string;
      readonly pollAfterSeconds: number;
    }
  | { readonly status: 'sold-out'; readonly eventId: string };

// Tier 2: queue-service
export type QueueStatus = 'open' | 'paused' | 'soldout' | 'closed';
export interface QueueState {
  readonly eventId: string;
  readonly state: 'waiting' | 'admitted' | 'not-in-line';
  readonly queueStatus: QueueStatus;
  readonly queueNumber: number | null;
  readonly position: number | null;
  readonly ahead: number | null;
  readonly behind: number | null;
  readonly etaSeconds: number | null;
  readonly etaBasis: 'measured' | 'estimated' | null;
  readonly pollAfterSeconds: number;
  readonly entryTokenExpiresAt?: string;
}

// ticket-service
export interface Performance {
  readonly id: string;
  readonly eventId: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
}
export type SeatState = 'available' | 'held' | 'sold';
export interface Seat {
  readonly id: string;
  readonly section: string;
  readonly row: string;
  readonly number: number;
  readonly grade: string;
  readonly price: number;
  readonly state: SeatState;
}
export interface SeatAvailability {
  readonly eventId: string;
  readonly performanceId: string;
  readonly seats: Seat[];
  readonly counts: Record<SeatState, number>;
}
export interface TicketType {
  readonly id: string;
  readonly eventId: string;
  readonly performanceId: string;
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly remaining: number;
  readonly perUserLimit: number;
}
export type ReservationStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED';
export interface ReservationSeat {
  readonly seatId: string;
  readonly section: string;
  readonly row: string;
  readonly number: number;
  readonly grade: string;
  readonly price: number;
}
export interface Reservation {
  readonly id: string;
  readonly eventId: string;
  readonly performanceId: string;
  readonly kind: 'seat' | 'standing';
  readonly status: ReservationStatus;
  readonly amount: number;
  readonly currency: string;
  readonly ticketCount: number;
  readonly seats: ReservationSeat[];
  readonly ticketTypeId: string | null;
  /** An unpaid hold ends here. */
  readonly expiresAt: string;
  /** The payment that paid it (set once paid). */
  readonly paymentId: string | null;
  readonly cancelReason: 'user' | 'payment-failed' | 'admin' | null;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly expiredAt: string | null;
}
/** A new hold, with the payment to confirm (null when payment-service could not be reached just then). */
export interface HeldReservation extends Reservation {
  readonly paymentIntentId: string | null;
}
/** `GET /api/v1/reservations/{id}/payment-intent`: created when missing, always the same one. */
export interface PaymentIntent {
  readonly paymentIntentId: string;
  readonly status: string;
  readonly amount: number;
  readonly currency: string;
  readonly expiresAt: string;
}
export interface Transfer {
  readonly id: string;
  readonly reservationId: string;
  readonly fromUserId: string;
  readonly toUserId: string | null;
  readonly status: 'PENDING' | 'COMPLETED' | 'CANCELLED';
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly cancelledAt: string | null;
}
export interface TransferOffer extends Transfer {
  /** Shown once: the recipient claims the transfer with it. */
  readonly claimCode: string;
}

// payment-service
export type PaymentStatus =
  | 'requires_payment'
  | 'processing'
  | 'succeeded'
  | 'partially_refunded'
  | 'refunded'
  | 'failed';
export interface Payment {
  readonly id: string;
  readonly reservationId: string;
  readonly eventId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly failureReason: 'declined' | 'timeout' | 'error' | null;
  readonly declineCode: string | null;
  readonly card: { readonly brand: string; readonly last4: string } | null;
  readonly expiresAt: string;
  readonly succeededAt: string | null;
}
export interface CardDetails {
  readonly cardNumber: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly cvc: string;
}

// ticket-service admin
export interface Venue {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  readonly address: string;
}
export interface Artist {
  readonly id: string;
  readonly name: string;
  readonly genre: string;
  readonly description: string;
}
export interface AdminEvent {
  readonly id: string;
  readonly title: string;
  readonly kind: EventKind;
  readonly status: 'draft' | EventStatus;
  readonly salesOpenAt: string;
  readonly salesCloseAt: string;
}
export interface NewEvent {
  readonly title: string;
  readonly description?: string;
  readonly category: string;
  readonly status?: 'draft' | EventStatus;
  readonly kind: EventKind;
  readonly artistId: string;
  readonly venueId: string;
  readonly presaleOpensAt?: string | null;
  readonly salesOpenAt: string;
  readonly salesCloseAt: string;
  readonly maxTicketsPerReservation?: number;
  readonly performances: { readonly startsAt: string; readonly endsAt?: string | null }[];
}
export interface SeatMapLayout {
  readonly grades: { readonly name: string; readonly price: number }[];
  readonly sections: {
    readonly name: string;
    readonly rows: { readonly label: string; readonly seats: number; readonly grade: string }[];
  }[];
}
export interface NewTicketType {
  readonly performanceId: string;
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perUserLimit: number;
}

// stats-service admin
export interface Funnel {
  readonly created: number;
  readonly confirmed: number;
  readonly cancelled: number;
  readonly expired: number;
  readonly paymentsFailed: number;
  readonly conversionRate: number;
}
export interface PaymentCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly failedByReason: { readonly declined: number; readonly timeout: number; readonly error: number };
  readonly refunds: number;
}
export interface EventStats {
  readonly eventId: string;
  readonly currency: string | null;
  readonly sales: { readonly ticketsSold: number; readonly amount: number };
  readonly funnel: Funnel;
  readonly revenue: { readonly gross: number; readonly refunded: number; readonly net: number };
  readonly payments: PaymentCounts;
  readonly transfers: number;
  readonly updatedAt: string;
}
export interface StatsOverview {
  readonly events: number;
  readonly ticketsSold: number;
  readonly funnel: Funnel;
  readonly payments: PaymentCounts;
  readonly transfers: number;
  readonly money: {
    readonly currency: string;
    readonly salesAmount: number;
    readonly gross: number;
    readonly refunded: number;
    readonly net: number;
  }[];
  readonly memberships: {
    readonly total: number;
    readonly byTier: { readonly tier: string; readonly members: number }[];
  };
}
