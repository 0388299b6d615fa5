/**
 * The least CPU a booking can cost given how many round trips it makes: each unit of work it does (an
 * HTTP request answered or sent, a SQL statement, a Kafka message, a Redis round trip) priced at what that
 * unit costs with no application code around it (docs/adr/0068-the-floor-under-a-booking.md).
 */

/** How many of each unit one booking takes, counted in a sale. */
export interface BookingShape {
  /** HTTP requests our processes answer (the edge, the gateway, the services). */
  readonly servedRequests: number;
  /** HTTP requests our processes send to each other (the edge's and the gateway's proxying, internal calls). */
  readonly sentRequests: number;
  /** SQL statements, `begin` and `commit` included. */
  readonly statements: number;
  /** Kafka messages produced. */
  readonly kafkaMessages: number;
  /** Kafka messages consumed: a message read by two consumer groups counts twice. */
  readonly kafkaDeliveries: number;
  /** Commands and scripts sent to Redis and answered (what a script runs inside Redis is not a round trip). */
  readonly redisRoundTrips: number;
}

/** CPU milliseconds of one unit, the client's and the server's together. */
export type UnitCosts = { readonly [unit in keyof BookingShape]: number };

export interface BookingFloor {
  readonly byUnit: { readonly [unit in keyof BookingShape]: number };
  readonly totalMs: number;
}

export const shapeUnits = [
  'servedRequests',
  'sentRequests',
  'statements',
  'kafkaMessages',
  'kafkaDeliveries',
  'redisRoundTrips',
] as const satisfies readonly (keyof BookingShape)[];

const hundredths = (value: number) => Math.round(value * 100) / 100;

export function bookingFloor(shape: BookingShape, costs: UnitCosts): BookingFloor {
  const byUnit = Object.fromEntries(
    shapeUnits.map((unit) => [unit, hundredths(shape[unit] * costs[unit])]),
  ) as BookingFloor['byUnit'];
  return {
    byUnit,
    totalMs: hundredths(shapeUnits.reduce((sum, unit) => sum + shape[unit] * costs[unit], 0)),
  };
}

/**
 * How many round trips per booking a sale made, counted in a 300-fan `npm run sellout -- --no-faults
 * --arrival-seconds 2` on 2026-12-07 (243 bookings; how each was counted is in ADR 0068). The sent requests
 * leave out the calls to AWS and to the PSP, so this shape is, if anything, too small.
 */
export const countedShape: BookingShape = {
  servedRequests: 35.3,
  sentRequests: 21.3,
  statements: 92.6,
  kafkaMessages: 7.6,
  kafkaDeliveries: 8.9,
  redisRoundTrips: 19,
};

/**
 * The most work a booking may do in `budgetMs` if every unit cost the given amount: the shape scaled down
 * evenly until it fits. 1 means it fits as it is.
 */
export function shareThatFits(floor: BookingFloor, budgetMs: number): number {
  return floor.totalMs <= budgetMs ? 1 : hundredths(budgetMs / floor.totalMs);
}

/**
 * A seat hold and its cancel as `npm run bench:reserve` plays them (through the gateway, its payment intent
 * and the intent's cancel included), counted in a 10 s run at 32 fans on 2026-12-07 (1,031 pairs; ADR 0068).
 * The Redis round trips are those of the run's measured seconds, less the idle rate.
 */
export const countedReserveAndCancel: BookingShape = {
  servedRequests: 6,
  sentRequests: 4,
  statements: 35.3,
  kafkaMessages: 2,
  kafkaDeliveries: 2,
  redisRoundTrips: 4,
};
