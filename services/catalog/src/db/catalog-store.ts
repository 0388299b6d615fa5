import { type PageRequest, pageOffset } from '@urr/common';
import { and, asc, count, eq, exists, ilike, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PublicStatus } from '../domain/event-snapshot.js';
import { searchPatterns } from '../domain/search-terms.js';
import { artists, type EventKind, eventPerformances, events } from './schema.js';

// biome-ignore lint/suspicious/noExplicitAny: reads work on the replica or the primary of this schema
type Reader = NodePgDatabase<any>;

export const eventSorts = [
  'startsAt',
  '-startsAt',
  'salesOpenAt',
  '-salesOpenAt',
  'title',
  '-title',
  'priceMin',
  '-priceMin',
] as const;
export type EventSort = (typeof eventSorts)[number];

export interface EventFilter {
  readonly q?: string | undefined;
  readonly category?: string | undefined;
  readonly city?: string | undefined;
  readonly statuses?: readonly PublicStatus[] | undefined;
  readonly kind?: EventKind | undefined;
  readonly artistId?: string | undefined;
  /** Events with a performance starting at or after `from` and before `to`. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

const sortColumns = {
  startsAt: events.firstPerformanceAt,
  salesOpenAt: events.salesOpenAt,
  title: events.title,
  priceMin: events.priceMin,
} as const;

/** The order of `sort`, with events missing the sort value last and the id breaking ties so pages are stable. */
function orderOf(sort: EventSort): SQL[] {
  const descending = sort.startsWith('-');
  const column = sortColumns[sort.replace(/^-/, '') as keyof typeof sortColumns];
  return [descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`, asc(events.eventId)];
}

const isPublic = ne(events.status, 'draft');

function whereOf(db: Reader, filter: EventFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [isPublic];
  for (const pattern of searchPatterns(filter.q ?? '')) conditions.push(ilike(events.searchText, pattern));
  if (filter.category) conditions.push(eq(events.category, filter.category));
  if (filter.city) conditions.push(sql`lower(${events.venueCity}) = lower(${filter.city})`);
  if (filter.statuses?.length) conditions.push(inArray(events.status, [...filter.statuses]));
  if (filter.kind) conditions.push(eq(events.kind, filter.kind));
  if (filter.artistId) conditions.push(eq(events.artistId, filter.artistId));
  if (filter.from || filter.to)
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(eventPerformances)
          .where(
            and(
              eq(eventPerformances.eventId, events.eventId),
              filter.from ? sql`${eventPerformances.startsAt} >= ${filter.from.toISOString()}` : undefined,
              filter.to ? sql`${eventPerformances.startsAt} < ${filter.to.toISOString()}` : undefined,
            ),
          ),
      ),
    );
  return and(...conditions);
}

export type EventRecord = typeof events.$inferSelect;

export async function listEvents(
  db: Reader,
  filter: EventFilter,
  sort: EventSort,
  page: PageRequest,
): Promise<{ rows: EventRecord[]; total: number }> {
  const where = whereOf(db, filter);
  const [rows, [counted]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(...orderOf(sort))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(events).where(where),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export async function findPublicEvent(
  db: Reader,
  eventId: string,
): Promise<{ event: EventRecord; performances: { id: string; startsAt: Date }[] } | undefined> {
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.eventId, eventId), isPublic));
  if (!event) return undefined;
  const performances = await db
    .select({ id: eventPerformances.performanceId, startsAt: eventPerformances.startsAt })
    .from(eventPerformances)
    .where(eq(eventPerformances.eventId, eventId))
    .orderBy(asc(eventPerformances.startsAt), asc(eventPerformances.performanceId));
  return { event, performances };
}

export interface ArtistRecord {
  readonly id: string;
  readonly name: string;
  /** Public events of the artist. */
  readonly eventCount: number;
}

/** Artists with at least one public event: an artist known only from drafts is not announced yet. */
function publicArtists(db: Reader, where: SQL | undefined) {
  return db
    .select({ id: artists.artistId, name: artists.name, eventCount: count(events.eventId) })
    .from(artists)
    .innerJoin(events, and(eq(events.artistId, artists.artistId), isPublic))
    .where(where)
    .groupBy(artists.artistId, artists.name);
}

export async function listArtists(
  db: Reader,
  q: string | undefined,
  page: PageRequest,
): Promise<{ rows: ArtistRecord[]; total: number }> {
  const where = and(...searchPatterns(q ?? '').map((pattern) => ilike(artists.name, pattern)));
  const [rows, [counted]] = await Promise.all([
    publicArtists(db, where)
      .orderBy(asc(artists.name), asc(artists.artistId))
      .limit(page.size)
      .offset(pageOffset(page)),
    db.select({ total: count() }).from(publicArtists(db, where).as('matching')),
  ]);
  return { rows, total: counted?.total ?? 0 };
}

export async function findPublicArtist(db: Reader, artistId: string): Promise<ArtistRecord | undefined> {
  const [artist] = await publicArtists(db, eq(artists.artistId, artistId));
  return artist;
}
