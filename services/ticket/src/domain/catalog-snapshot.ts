import type { z } from '@urr/common';
import type { catalogEventSnapshot } from '@urr/common/events/domain-events';
import type { EventStatus } from './purchase-window.js';

export type CatalogSnapshot = z.output<typeof catalogEventSnapshot>;

export type EventKind = 'seated' | 'standing';

export interface EventFacts {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly kind: EventKind;
  readonly status: EventStatus;
  readonly organiserId: string;
  readonly currency: string;
  readonly salesOpenAt: Date;
  readonly salesCloseAt: Date;
  readonly version: number;
  readonly artist: { readonly id: string; readonly name: string };
  readonly venue: { readonly id: string; readonly name: string; readonly city: string };
  readonly performances: readonly { readonly id: string; readonly startsAt: Date }[];
  /** Every grade price (seated) and ticket type price (standing) on sale. */
  readonly prices: readonly number[];
}

/** The `event.upserted` payload catalog-service keeps as its read model (ADR 0004). */
export function catalogSnapshotOf(event: EventFacts): CatalogSnapshot {
  const prices = event.prices.length > 0 ? event.prices : [0];
  return {
    eventId: event.id,
    title: event.title,
    description: event.description,
    artist: { id: event.artist.id, name: event.artist.name },
    venue: { id: event.venue.id, name: event.venue.name, city: event.venue.city },
    organiserId: event.organiserId,
    category: event.category,
    kind: event.kind,
    status: event.status,
    salesOpenAt: event.salesOpenAt.toISOString(),
    salesCloseAt: event.salesCloseAt.toISOString(),
    performances: [...event.performances]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((performance) => ({ id: performance.id, startsAt: performance.startsAt.toISOString() })),
    priceRange: { min: Math.min(...prices), max: Math.max(...prices), currency: event.currency },
    version: event.version,
  };
}
