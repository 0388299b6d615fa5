import type { BookingHealthReading } from './booking-signals.js';

/** Whose reading it is: each TicketEvent keeps its own window, so two sales in a namespace never split one. */
export interface HealthScope {
  /** namespace/name of the TicketEvent. */
  readonly key: string;
  /** Where its gateway runs. */
  readonly namespace: string;
}

/** Where the operator reads the booking path's health (a Prometheus server, or the gateway's own /metrics). */
export interface BookingHealthSource {
  /**
   * The reading over the last window; undefined while there is no window yet (a first scrape). Throws
   * {@link BookingHealthError} when the metrics cannot be read or make no sense.
   */
  read(scope: HealthScope): Promise<BookingHealthReading | undefined>;
  /** Drops what is kept for a TicketEvent that is gone. */
  forget(key: string): void;
}

export class BookingHealthError extends Error {
  override readonly name = 'BookingHealthError';
}
