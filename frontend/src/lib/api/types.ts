/**
 * The names the app gives to the backend's shapes (by route where two services use one schema name). The shapes themselves are generated from the public
 * OpenAPI document (docs/openapi/public-api.json) into ./public-api.ts by `npm run openapi`: nothing here
 * restates a field, so a route schema that changes shows up as a type error where the app relies on it.
 * Only Tier 1's answers (lambdas/vwr-api, which has no OpenAPI document) are written out.
 */
import type { components, paths } from './public-api';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<Path extends keyof paths, M extends Method> = NonNullable<paths[Path][M]>;
type Json<Content> = Content extends { readonly content: { readonly 'application/json': infer Body } }
  ? Body
  : never;
/** The JSON body of the success answer to `method path`. */
type Answer<Path extends keyof paths, M extends Method> =
  Operation<Path, M> extends { readonly responses: infer Responses }
    ? Json<Responses[Extract<keyof Responses, 200 | 201>]>
    : never;
/** The JSON body `method path` takes. */
type Body<Path extends keyof paths, M extends Method> = Json<NonNullable<Operation<Path, M>['requestBody']>>;
type Query<Path extends keyof paths, M extends Method> = NonNullable<
  Operation<Path, M>['parameters']['query']
>;

/** Lists every value of the union `T` at run time; the compiler rejects a list with a value missing or extra. */
const everyValueOf =
  <T extends string>() =>
  <const List extends readonly T[]>(
    list: List & ([Exclude<T, List[number]>] extends [never] ? unknown : never),
  ) =>
    list;

/** A page of `T` (every paged list answers this shape). */
export type Page<T> = Omit<Schemas['EventPage'], 'items'> & { readonly items: T[] };

// auth-service
export type Account = Schemas['Account'];
export type Role = Account['role'];
export type Session = Schemas['Session'];
export type SignedOutEverywhere = Schemas['SignedOutEverywhere'];

// catalog-service
export type EventSummary = Answer<'/api/v1/events', 'get'>['items'][number];
export type EventDetail = Answer<'/api/v1/events/{id}', 'get'>;
export type EventStatus = EventSummary['status'];
export type EventKind = EventSummary['kind'];
export type EventQuery = Omit<Query<'/api/v1/events', 'get'>, 'artistId'>;
export type EventSort = NonNullable<EventQuery['sort']>;
export const eventStatuses = everyValueOf<EventStatus>()([
  'scheduled',
  'on-sale',
  'sold-out',
  'closed',
  'cancelled',
]);
export const eventSorts = everyValueOf<EventSort>()([
  'startsAt',
  '-startsAt',
  'salesOpenAt',
  '-salesOpenAt',
  'title',
  '-title',
  'priceMin',
  '-priceMin',
]);

// Tier 1: vwr-api (lambdas/vwr-api/src/http.ts)
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
export type QueueState = Schemas['QueueState'];
export type QueueStatus = QueueState['queueStatus'];

// ticket-service
export type Performance = Schemas['Performance'];
export type SeatAvailability = Schemas['SeatAvailability'];
export type Seat = SeatAvailability['seats'][number];
export type SeatState = Seat['state'];
export type TicketType = Schemas['TicketType'];
export type Reservation = Schemas['Reservation'];
export type ReservationStatus = Reservation['status'];
export type ReservationSeat = Schemas['ReservationSeat'];
/** A new hold, with the payment to confirm (null when payment-service could not be reached just then). */
export type HeldReservation = Schemas['HeldReservation'];
/** `GET /api/v1/reservations/{id}/payment-intent`: created when missing, always the same one. */
export type PaymentIntent = Answer<'/api/v1/reservations/{id}/payment-intent', 'get'>;
export type Transfer = Schemas['Transfer'];
/** A new transfer with its claim code, shown once: the recipient claims the transfer with it. */
export type TransferOffer = Answer<'/api/v1/transfers', 'post'>;

// payment-service
export type Payment = Schemas['Payment'];
export type PaymentStatus = Payment['status'];
export type CardDetails = Body<'/api/v1/payments/{id}/confirm', 'post'>;

// ticket-service admin
export type Venue = Schemas['Venue'];
export type Artist = Answer<'/api/v1/admin/artists', 'post'>;
export type AdminEvent = Answer<'/api/v1/admin/events', 'post'>;
export type NewEvent = Body<'/api/v1/admin/events', 'post'>;
export type SeatMapLayout = Body<'/api/v1/admin/events/{id}/seat-map', 'put'>;
export type NewTicketType = Body<'/api/v1/admin/ticket-types', 'post'>;

// stats-service admin
export type Funnel = Schemas['Funnel'];
export type PaymentCounts = Schemas['PaymentCounts'];
export type EventStats = Schemas['EventStats'];
export type StatsOverview = Schemas['StatsOverview'];
