import type { Database } from '@urr/common';
import type * as schema from '../db/schema.js';
import type { SeatLocks } from '../seat-lock/seat-lock.js';

export interface BookingDeps {
  readonly db: Database<typeof schema>;
  readonly seatLocks: SeatLocks;
  /** The clock every sale decision reads (tests move it). */
  readonly now: () => Date;
  /** How long an unpaid hold lasts: the seat-lock TTL. */
  readonly holdSeconds: number;
}
