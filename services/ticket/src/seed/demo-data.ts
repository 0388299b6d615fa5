import { type Database, withTransaction } from '@urr/common';
import { findEvent, performancesOf } from '../db/event-store.js';
import type * as schema from '../db/schema.js';
import { artists, venues } from '../db/schema.js';
import type { SeatMapLayout } from '../domain/seat-map.js';
import { addTicketType, createEvent, setSeatMap } from '../use-cases/event-admin.js';

/**
 * Demo sales for the local stack: a 2,000-seat hall on sale, a standing show on sale, and a fan
 * meeting in its members' presale. Fixed ids make seeding idempotent: an event that exists is left
 * as it is (its dates stay those of the first seeding).
 */
export const demoIds = {
  hall: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2000',
  arena: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2001',
  artist: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2100',
  band: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2101',
  seatedEvent: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2200',
  standingEvent: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2201',
  presaleEvent: '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2202',
} as const;

const hour = 3_600_000;
const day = 24 * hour;

const rows = (count: number, seats: number, grade: string) =>
  Array.from({ length: count }, (_, index) => ({ label: String(index + 1), seats, grade }));

/** Four blocks of 20 rows × 25 seats. */
export const grandHallLayout: SeatMapLayout = {
  grades: [
    { name: 'VIP', price: 198_000 },
    { name: 'R', price: 165_000 },
    { name: 'S', price: 132_000 },
    { name: 'A', price: 99_000 },
  ],
  sections: [
    { name: 'Floor', rows: rows(20, 25, 'VIP') },
    { name: 'Lower', rows: rows(20, 25, 'R') },
    { name: 'Upper Left', rows: rows(20, 25, 'S') },
    { name: 'Upper Right', rows: rows(20, 25, 'A') },
  ],
};

const fanMeetingLayout: SeatMapLayout = {
  grades: [
    { name: 'R', price: 77_000 },
    { name: 'S', price: 55_000 },
  ],
  sections: [
    { name: 'Front', rows: rows(4, 25, 'R') },
    { name: 'Back', rows: rows(8, 25, 'S') },
  ],
};

export interface SeedResult {
  readonly created: string[];
  readonly existing: string[];
}

export async function seedDemoData(
  db: Database<typeof schema>,
  options: { readonly organiserId: string; readonly now?: Date },
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const deps = { db, now: () => now };
  await withTransaction(db.primary, async (tx) => {
    await tx
      .insert(venues)
      .values([
        { id: demoIds.hall, name: 'URR Grand Hall', city: 'Seoul', address: '1 Olympic-ro, Songpa-gu' },
        { id: demoIds.arena, name: 'URR Live Arena', city: 'Busan', address: '55 Haeundae-ro' },
      ])
      .onConflictDoNothing();
    await tx
      .insert(artists)
      .values([
        { id: demoIds.artist, name: 'Hana Seo', genre: 'K-pop', description: 'Solo singer and songwriter.' },
        { id: demoIds.band, name: 'The Night Trams', genre: 'Rock', description: 'Four-piece rock band.' },
      ])
      .onConflictDoNothing();
  });

  const result: SeedResult = { created: [], existing: [] };
  const seed = async (id: string, create: () => Promise<unknown>) => {
    if (await findEvent(db.primary, id)) {
      result.existing.push(id);
      return;
    }
    await create();
    result.created.push(id);
  };
  const common = { organiserId: options.organiserId, currency: 'KRW', maxTicketsPerReservation: 4 };

  await seed(demoIds.seatedEvent, async () => {
    await createEvent(
      deps,
      {
        ...common,
        id: demoIds.seatedEvent,
        title: 'Hana Seo — Symphony Night',
        description: 'An evening with orchestra in the 2,000-seat Grand Hall.',
        category: 'concert',
        kind: 'seated',
        status: 'on-sale',
        artistId: demoIds.artist,
        venueId: demoIds.hall,
        salesOpenAt: new Date(now.getTime() - hour),
        salesCloseAt: new Date(now.getTime() + 29 * day),
      },
      [{ startsAt: new Date(now.getTime() + 30 * day) }],
    );
    await setSeatMap(deps, demoIds.seatedEvent, grandHallLayout);
  });

  await seed(demoIds.standingEvent, async () => {
    await createEvent(
      deps,
      {
        ...common,
        id: demoIds.standingEvent,
        title: 'The Night Trams — Standing Live',
        description: 'All-standing club show.',
        category: 'concert',
        kind: 'standing',
        status: 'on-sale',
        artistId: demoIds.band,
        venueId: demoIds.arena,
        salesOpenAt: new Date(now.getTime() - hour),
        salesCloseAt: new Date(now.getTime() + 20 * day),
      },
      [{ startsAt: new Date(now.getTime() + 21 * day) }],
    );
    const [show] = await performancesOf(db.primary, demoIds.standingEvent);
    if (!show) throw new Error('the standing show was created without its performance');
    await addTicketType(deps, show.id, {
      name: 'Standing A',
      price: 88_000,
      quantity: 1000,
      perUserLimit: 4,
    });
    await addTicketType(deps, show.id, {
      name: 'Standing B',
      price: 77_000,
      quantity: 1500,
      perUserLimit: 4,
    });
  });

  await seed(demoIds.presaleEvent, async () => {
    await createEvent(
      deps,
      {
        ...common,
        id: demoIds.presaleEvent,
        title: 'Hana Seo — Fan Meeting',
        description: 'Fan-club members buy first: diamond, then gold, silver and bronze.',
        category: 'fan-meeting',
        kind: 'seated',
        status: 'scheduled',
        artistId: demoIds.artist,
        venueId: demoIds.hall,
        presaleOpensAt: new Date(now.getTime() - hour),
        salesOpenAt: new Date(now.getTime() + 3 * day),
        salesCloseAt: new Date(now.getTime() + 14 * day),
      },
      [{ startsAt: new Date(now.getTime() + 15 * day) }],
    );
    await setSeatMap(deps, demoIds.presaleEvent, fanMeetingLayout);
  });
  return result;
}
