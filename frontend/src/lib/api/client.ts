import { solveChallenge } from '../proof-of-work';
import { createAdminRoutes } from './admin-client';
import { allPages } from './all-pages';
import { fanCalls } from './fan-client';
import { createRequester, type TransportOptions } from './http';
import type {
  Account,
  AdminEvent,
  Artist,
  CardDetails,
  EventDetail,
  EventQuery,
  EventStats,
  EventSummary,
  HeldReservation,
  NewEvent,
  NewTicketType,
  Page,
  Payment,
  PaymentIntent,
  Performance,
  QueueState,
  Reservation,
  ReservationStatus,
  SeatAvailability,
  SeatMapLayout,
  Session,
  SignedOutEverywhere,
  StatsOverview,
  TicketType,
  Transfer,
  TransferOffer,
  Venue,
  VwrState,
} from './types';

const segment = encodeURIComponent;

interface VwrChallenge {
  readonly challenge: string;
  readonly difficulty: number;
}

/** Every backend call the app makes, by the public route it uses (the gateway's and the edge's tables). */
export function createApi(transport: TransportOptions) {
  const call = createRequester(transport);
  const post = <T>(path: string, body?: unknown, eventId?: string) =>
    call<T>(path, { method: 'POST', body, eventId });

  return {
    ...fanCalls(call),
    auth: {
      register: (body: { email: string; password: string; displayName?: string }) =>
        post<Session>('/api/v1/auth/register', body),
      login: (body: { email: string; password: string }) => post<Session>('/api/v1/auth/login', body),
      logout: () => post<void>('/api/v1/auth/logout'),
      logoutEverywhere: () => post<SignedOutEverywhere>('/api/v1/auth/logout-everywhere'),
      me: () => call<Account>('/api/v1/auth/me'),
    },

    catalog: {
      events: (query: EventQuery = {}) => call<Page<EventSummary>>('/api/v1/events', { query: { ...query } }),
      event: (id: string) => call<EventDetail>(`/api/v1/events/${segment(id)}`),
    },

    /** Tier 1: the serverless waiting room in front of the whole sale. */
    waitingRoom: {
      /** Solves the door's proof-of-work challenge, then joins (docs/adr/0008). */
      assign: async (eventId: string) => {
        const issued = await call<VwrChallenge>(`/vwr-api/vwr/challenge/${segment(eventId)}`);
        const solution = await solveChallenge(issued.challenge, issued.difficulty);
        return post<VwrState>(`/vwr-api/vwr/assign/${segment(eventId)}`, {
          challenge: issued.challenge,
          solution,
        });
      },
      check: (eventId: string) => call<VwrState>(`/vwr-api/vwr/check/${segment(eventId)}`),
      leave: (eventId: string) => post<void>(`/vwr-api/vwr/leave/${segment(eventId)}`),
    },

    /** Tier 2: the queue in front of seat selection; admission sets the `urr-entry-token` cookie. */
    queue: {
      enter: (eventId: string) => post<QueueState>(`/api/v1/queue/${segment(eventId)}/enter`),
      status: (eventId: string) => call<QueueState>(`/api/v1/queue/${segment(eventId)}/status`),
      heartbeat: (eventId: string) => post<QueueState>(`/api/v1/queue/${segment(eventId)}/heartbeat`),
      leave: (eventId: string) => post<QueueState>(`/api/v1/queue/${segment(eventId)}/leave`),
    },

    booking: {
      performances: (eventId: string) =>
        call<{ items: Performance[] }>(`/api/v1/events/${segment(eventId)}/performances`, { eventId }),
      seats: (eventId: string, performanceId?: string) =>
        call<SeatAvailability>(`/api/v1/events/${segment(eventId)}/seats`, {
          query: { performanceId },
          eventId,
        }),
      ticketTypes: (eventId: string, performanceId?: string) =>
        call<{ items: TicketType[] }>(`/api/v1/events/${segment(eventId)}/ticket-types`, {
          query: { performanceId },
          eventId,
        }),
      reserveSeats: (eventId: string, seatIds: string[]) =>
        post<HeldReservation>('/api/v1/seats/reserve', { eventId, seatIds }, eventId),
      reserveStanding: (eventId: string, ticketTypeId: string, quantity: number) =>
        post<HeldReservation>('/api/v1/reservations', { eventId, ticketTypeId, quantity }, eventId),
    },

    reservations: {
      list: (query: { page?: number; size?: number; status?: ReservationStatus } = {}) =>
        call<Page<Reservation>>('/api/v1/reservations', { query: { ...query } }),
      /** With `waitSeconds`, a pending booking is answered once its payment settles (or that many seconds). */
      get: (id: string, options: { waitSeconds?: number } = {}) =>
        call<Reservation>(`/api/v1/reservations/${segment(id)}`, {
          query: options.waitSeconds ? { waitSeconds: options.waitSeconds } : {},
        }),
      /** The payment to confirm for an unpaid hold (ticket-service opens it with payment-service). */
      paymentIntent: (id: string) =>
        call<PaymentIntent>(`/api/v1/reservations/${segment(id)}/payment-intent`),
      cancel: (id: string) => post<Reservation>(`/api/v1/reservations/${segment(id)}/cancel`),
    },

    transfers: {
      list: () => call<Page<Transfer>>('/api/v1/transfers', { query: { size: 50 } }),
      offer: (reservationId: string) => post<TransferOffer>('/api/v1/transfers', { reservationId }),
      accept: (id: string, claimCode: string) =>
        post<Transfer>(`/api/v1/transfers/${segment(id)}/accept`, { claimCode }),
      withdraw: (id: string) => post<Transfer>(`/api/v1/transfers/${segment(id)}/cancel`),
    },

    payments: {
      get: (id: string) => call<Payment>(`/api/v1/payments/${segment(id)}`),
      /** Pays once per key: a retry with the same key and card gets the first answer back. */
      confirm: (id: string, card: CardDetails, idempotencyKey: string, eventId: string) =>
        call<Payment>(`/api/v1/payments/${segment(id)}/confirm`, {
          method: 'POST',
          body: card,
          idempotencyKey,
          eventId,
        }),
    },

    /** The organisers' pages under /admin: venues, an event's setup, memberships, moderation. */
    organiser: createAdminRoutes(call),

    admin: {
      /** Every venue, for the new-event form's pick list. */
      venues: () =>
        allPages((page) => call<Page<Venue>>('/api/v1/admin/venues', { query: { size: 100, page } })),
      createVenue: (body: { name: string; city: string; address?: string }) =>
        post<Venue>('/api/v1/admin/venues', body),
      /** Every artist, for the new-event form's pick list. */
      artists: () =>
        allPages((page) => call<Page<Artist>>('/api/v1/admin/artists', { query: { size: 100, page } })),
      createArtist: (body: { name: string; genre?: string }) => post<Artist>('/api/v1/admin/artists', body),
      events: () => call<Page<AdminEvent>>('/api/v1/admin/events', { query: { size: 100 } }),
      createEvent: (body: NewEvent) => post<AdminEvent>('/api/v1/admin/events', body),
      event: (eventId: string) =>
        call<{ event: AdminEvent; performances: Performance[] }>(`/api/v1/admin/events/${segment(eventId)}`),
      setSeatMap: (eventId: string, layout: SeatMapLayout) =>
        call<{ seatsPerPerformance: number; seatsCreated: number }>(
          `/api/v1/admin/events/${segment(eventId)}/seat-map`,
          { method: 'PUT', body: layout },
        ),
      addTicketType: (body: NewTicketType) => post<TicketType>('/api/v1/admin/ticket-types', body),
      publish: (eventId: string, status: 'scheduled' | 'on-sale') =>
        call<AdminEvent>(`/api/v1/admin/events/${segment(eventId)}`, { method: 'PATCH', body: { status } }),
      overview: () => call<StatsOverview>('/api/v1/admin/stats/overview'),
      eventStats: () =>
        call<Page<EventStats>>('/api/v1/admin/stats/events', { query: { size: 50, sort: 'ticketsSold' } }),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
