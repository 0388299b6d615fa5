import { z } from 'zod';
import { topics } from '../kafka/event-envelope.js';

/**
 * The payload contracts of `queue-events`: queue-service publishes the changes of each event's Tier-2
 * line and periodic samples of both tiers; stats-service's sale report follows them (docs/adr/0041).
 * The Kafka key is the event id, so one sale's events stay in order on one partition. The envelope's
 * `occurredAt` is Redis's clock at the change.
 */
const lineChange = {
  eventId: z.string().min(1).max(64),
  userId: z.string().min(1).max(128),
  /**
   * Orders every line change of every sale as Redis applied them (one counter, incremented in the same
   * atomic step as the change): admission order is the order of the `queue.admitted` sequences.
   */
  sequence: z.number().int().positive(),
};

/** The arrival number (`{eventId}:counter`) the user drew; it orders the line. */
const arrival = z.number().int().positive();

export const queueEvents = {
  topic: topics.queue,
  /** A newcomer drew an arrival number: lined up, or admitted at once (`admittedAtOnce`: the line was empty). */
  'queue.arrived': z.object({ ...lineChange, arrival, admittedAtOnce: z.boolean() }),
  /** The user got a booking slot (Tier-2 active). */
  'queue.admitted': z.object({ ...lineChange, arrival: arrival.nullable() }),
  /** The user gave up the place: `wasAdmitted` false means they left the line before their turn. */
  'queue.left': z.object({ ...lineChange, arrival: arrival.nullable(), wasAdmitted: z.boolean() }),
  /** An admitted user lost the slot for want of a heartbeat. */
  'queue.expired': z.object({ ...lineChange, arrival: arrival.nullable() }),
  /** Both tiers of one sale at one moment (every few seconds while the sale is listed as admitting). */
  'queue.sampled': z.object({
    eventId: z.string().min(1).max(64),
    /** Tier 1's counters item; null when the sale has no waiting room. */
    tier1: z
      .object({
        /** Highest position admitted so far. */
        servingCounter: z.number().int().nonnegative(),
        /** Highest position handed out so far (the advancer's snapshot). */
        highestPosition: z.number().int().nonnegative(),
      })
      .nullable(),
    tier2: z.object({
      waiting: z.number().int().nonnegative(),
      active: z.number().int().nonnegative(),
      maxUsers: z.number().int().nonnegative(),
    }),
    /** ticket-service's seat figures (`GET /internal/events/{id}/sales`); null when it did not answer. */
    seats: z
      .object({
        total: z.number().int().nonnegative(),
        sold: z.number().int().nonnegative(),
        held: z.number().int().nonnegative(),
      })
      .nullable(),
  }),
} as const;

export type QueueEventType = Exclude<keyof typeof queueEvents, 'topic'>;
