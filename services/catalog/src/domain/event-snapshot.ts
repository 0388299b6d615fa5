import type { catalogEvents, PayloadOf } from '@urr/common/events/domain-events';

export type EventSnapshot = PayloadOf<typeof catalogEvents, 'event.upserted'>;

export interface EventRow {
  readonly eventId: string;
  readonly title: string;
  readonly description: string;
  readonly artistId: string;
  readonly artistName: string;
  readonly venueId: string;
  readonly venueName: string;
  readonly venueCity: string;
  readonly organiserId: string;
  readonly category: string;
  readonly kind: EventSnapshot['kind'];
  readonly status: EventSnapshot['status'];
  readonly salesOpenAt: Date;
  readonly salesCloseAt: Date;
  readonly firstPerformanceAt: Date | null;
  readonly lastPerformanceAt: Date | null;
  readonly priceMin: number;
  readonly priceMax: number;
  readonly currency: string;
  readonly version: number;
}

export interface PerformanceRow {
  readonly performanceId: string;
  readonly startsAt: Date;
}

/** The flat row a snapshot is stored as, with its first and last performance for date filters and sorting. */
export function eventRowOf(snapshot: EventSnapshot): EventRow {
  const starts = snapshot.performances.map((performance) => new Date(performance.startsAt).getTime());
  return {
    eventId: snapshot.eventId,
    title: snapshot.title,
    description: snapshot.description,
    artistId: snapshot.artist.id,
    artistName: snapshot.artist.name,
    venueId: snapshot.venue.id,
    venueName: snapshot.venue.name,
    venueCity: snapshot.venue.city,
    organiserId: snapshot.organiserId,
    category: snapshot.category,
    kind: snapshot.kind,
    status: snapshot.status,
    salesOpenAt: new Date(snapshot.salesOpenAt),
    salesCloseAt: new Date(snapshot.salesCloseAt),
    firstPerformanceAt: starts.length > 0 ? new Date(Math.min(...starts)) : null,
    lastPerformanceAt: starts.length > 0 ? new Date(Math.max(...starts)) : null,
    priceMin: snapshot.priceRange.min,
    priceMax: snapshot.priceRange.max,
    currency: snapshot.priceRange.currency,
    version: snapshot.version,
  };
}

/** The snapshot's performances, once each (a repeated id keeps its last start time). */
export function performanceRowsOf(snapshot: EventSnapshot): PerformanceRow[] {
  const byId = new Map<string, Date>();
  for (const performance of snapshot.performances) byId.set(performance.id, new Date(performance.startsAt));
  return [...byId].map(([performanceId, startsAt]) => ({ performanceId, startsAt }));
}

/** Statuses the public catalogue shows; a draft is the organiser's until it is announced. */
export const publicStatuses = ['scheduled', 'on-sale', 'sold-out', 'closed', 'cancelled'] as const;
export type PublicStatus = (typeof publicStatuses)[number];
