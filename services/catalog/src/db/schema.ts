import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export { processedMessages } from '@urr/common/kafka/outbox-schema';

export const eventKinds = ['seated', 'standing'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['draft', 'scheduled', 'on-sale', 'sold-out', 'closed', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The newest snapshot version seen per event, deleted or not: the gate every catalog-events message
 * passes, so a stale snapshot never overwrites a newer one and a deleted event never comes back.
 */
export const eventVersions = pgTable('event_versions', {
  eventId: text('event_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  deleted: boolean('deleted').notNull(),
  appliedAt: timestamptz('applied_at').notNull().defaultNow(),
});

/** One row per live event: the latest snapshot ticket-service published, flattened for search and filters. */
export const events = pgTable(
  'events',
  {
    eventId: text('event_id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    artistId: text('artist_id').notNull(),
    artistName: text('artist_name').notNull(),
    venueId: text('venue_id').notNull(),
    venueName: text('venue_name').notNull(),
    venueCity: text('venue_city').notNull(),
    organiserId: text('organiser_id').notNull(),
    category: text('category').notNull(),
    kind: text('kind').$type<EventKind>().notNull(),
    status: text('status').$type<EventStatus>().notNull(),
    salesOpenAt: timestamptz('sales_open_at').notNull(),
    salesCloseAt: timestamptz('sales_close_at').notNull(),
    /** First and last performance; null while the event has none. */
    firstPerformanceAt: timestamptz('first_performance_at'),
    lastPerformanceAt: timestamptz('last_performance_at'),
    priceMin: integer('price_min').notNull(),
    priceMax: integer('price_max').notNull(),
    currency: text('currency').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    /** What `q` searches: title, artist and venue in one trigram-indexed column. */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`title || ' ' || artist_name || ' ' || venue_name`),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('events_search_text_trgm').using('gin', table.searchText.op('gin_trgm_ops')),
    index('events_category').on(table.category),
    index('events_city').on(sql`lower(${table.venueCity})`),
    index('events_status').on(table.status),
    index('events_artist').on(table.artistId),
    index('events_first_performance').on(table.firstPerformanceAt, table.eventId),
  ],
);

export const eventPerformances = pgTable(
  'event_performances',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.eventId, { onDelete: 'cascade' }),
    performanceId: text('performance_id').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.eventId, table.performanceId] }),
    index('event_performances_starts_at').on(table.startsAt),
  ],
);

/** Artists as the event snapshots name them; the name is the one in the latest applied snapshot. */
export const artists = pgTable(
  'artists',
  {
    artistId: text('artist_id').primaryKey(),
    name: text('name').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (table) => [index('artists_name_trgm').using('gin', table.name.op('gin_trgm_ops'))],
);
