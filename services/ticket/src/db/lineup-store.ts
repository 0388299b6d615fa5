import type { DbClient } from '@urr/common';
import { asc, count, eq } from 'drizzle-orm';
import { artists, venues } from './schema.js';

/** Venues and artists: what events are held at and by. */

export type VenueRow = typeof venues.$inferSelect;
export type ArtistRow = typeof artists.$inferSelect;
export type VenueFields = Pick<VenueRow, 'name' | 'city' | 'address'>;
export type ArtistFields = Pick<ArtistRow, 'name' | 'genre' | 'description'>;

export async function findVenue(db: DbClient, id: string): Promise<VenueRow | undefined> {
  const [row] = await db.select().from(venues).where(eq(venues.id, id));
  return row;
}

export async function findArtist(db: DbClient, id: string): Promise<ArtistRow | undefined> {
  const [row] = await db.select().from(artists).where(eq(artists.id, id));
  return row;
}

export async function insertVenue(db: DbClient, fields: VenueFields & { id?: string }): Promise<VenueRow> {
  const [row] = await db.insert(venues).values(fields).returning();
  if (!row) throw new Error('venue insert returned no row');
  return row;
}

export async function insertArtist(db: DbClient, fields: ArtistFields & { id?: string }): Promise<ArtistRow> {
  const [row] = await db.insert(artists).values(fields).returning();
  if (!row) throw new Error('artist insert returned no row');
  return row;
}

export async function updateVenue(db: DbClient, id: string, fields: Partial<VenueFields>, now: Date) {
  const [row] = await db
    .update(venues)
    .set({ ...fields, updatedAt: now })
    .where(eq(venues.id, id))
    .returning();
  return row;
}

export async function updateArtist(db: DbClient, id: string, fields: Partial<ArtistFields>, now: Date) {
  const [row] = await db
    .update(artists)
    .set({ ...fields, updatedAt: now })
    .where(eq(artists.id, id))
    .returning();
  return row;
}

export async function listVenues(db: DbClient, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db.select().from(venues).orderBy(asc(venues.name), asc(venues.id)).limit(page.limit).offset(page.offset),
    db.select({ total: count() }).from(venues),
  ]);
  return { rows, total: total?.total ?? 0 };
}

export async function listArtists(db: DbClient, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(artists)
      .orderBy(asc(artists.name), asc(artists.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(artists),
  ]);
  return { rows, total: total?.total ?? 0 };
}
