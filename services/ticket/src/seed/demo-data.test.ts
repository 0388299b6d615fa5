import { prepareTestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesFiguresOf } from '../db/reservation-store.js';
import * as schema from '../db/schema.js';
import { demoIds, seedDemoData } from './demo-data.js';

let db: Awaited<ReturnType<typeof prepareTestDatabase<typeof schema>>>;

beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('ticket_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
    isolated: true,
  });
});
afterAll(async () => {
  await db?.drop();
});

describe('demo data', () => {
  it('creates a 2,000-seat hall on sale, a standing show and a presale, and changes nothing when run again', async () => {
    const first = await seedDemoData(db, { organiserId: 'organiser-1' });
    expect(first.created).toHaveLength(3);
    expect(await salesFiguresOf(db.primary, demoIds.seatedEvent)).toEqual({
      seatsTotal: 2000,
      seatsSold: 0,
      seatsHeld: 0,
    });
    expect((await salesFiguresOf(db.primary, demoIds.standingEvent)).seatsTotal).toBe(2500);
    const [presale] = await db.primary
      .select()
      .from(schema.events)
      .where(eq(schema.events.id, demoIds.presaleEvent));
    expect(presale?.presaleOpensAt?.getTime()).toBeLessThan(Date.now());
    expect(presale?.salesOpenAt.getTime()).toBeGreaterThan(Date.now());

    const again = await seedDemoData(db, { organiserId: 'organiser-1' });
    expect(again).toEqual({ created: [], existing: first.created });
    expect((await salesFiguresOf(db.primary, demoIds.seatedEvent)).seatsTotal).toBe(2000);
    const snapshots = await db.primary
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.topic, 'catalog-events'));
    expect(new Set(snapshots.map((row) => row.key))).toEqual(new Set(first.created));
  });
});
