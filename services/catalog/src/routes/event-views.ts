import { z } from '@urr/common';
import { eventKinds, type events } from '../db/schema.js';
import { publicStatuses } from '../domain/event-snapshot.js';

const instant = z.iso.datetime({ offset: true });

export const EventSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    artist: z.object({ id: z.string(), name: z.string() }),
    venue: z.object({ id: z.string(), name: z.string(), city: z.string() }),
    organiserId: z.string(),
    category: z.string(),
    kind: z.enum(eventKinds),
    status: z.enum(publicStatuses),
    salesOpenAt: instant,
    salesCloseAt: instant,
    firstPerformanceAt: instant.nullable(),
    lastPerformanceAt: instant.nullable(),
    priceRange: z.object({ min: z.number().int(), max: z.number().int(), currency: z.string() }),
  })
  .openapi('EventSummary');
export type EventSummary = z.infer<typeof EventSummary>;

export const EventDetail = EventSummary.extend({
  description: z.string(),
  performances: z.array(z.object({ id: z.string(), startsAt: instant })),
  organiser: z
    .object({ id: z.string(), displayName: z.string().nullable() })
    .openapi({ description: 'displayName is null when auth-service does not know it or cannot answer' }),
}).openapi('EventDetail');
export type EventDetail = z.infer<typeof EventDetail>;

type EventRecord = typeof events.$inferSelect;

export function eventSummaryOf(row: EventRecord): EventSummary {
  return {
    id: row.eventId,
    title: row.title,
    artist: { id: row.artistId, name: row.artistName },
    venue: { id: row.venueId, name: row.venueName, city: row.venueCity },
    organiserId: row.organiserId,
    category: row.category,
    kind: row.kind,
    // Drafts never reach a view: every query filters them out.
    status: row.status as EventSummary['status'],
    salesOpenAt: row.salesOpenAt.toISOString(),
    salesCloseAt: row.salesCloseAt.toISOString(),
    firstPerformanceAt: row.firstPerformanceAt?.toISOString() ?? null,
    lastPerformanceAt: row.lastPerformanceAt?.toISOString() ?? null,
    priceRange: { min: row.priceMin, max: row.priceMax, currency: row.currency },
  };
}
