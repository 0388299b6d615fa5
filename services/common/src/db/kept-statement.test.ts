import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database, withTransaction } from './database.js';
import { keptStatement, placeholderValue } from './kept-statement.js';

const url = localStackEndpoints().postgresUrl('ticket_db');
const tableName = `kept_${process.pid}_${Date.now()}`;
const seats = pgTable(tableName, {
  id: integer('id').primaryKey(),
  holder: text('holder'),
  heldAt: timestamp('held_at', { withTimezone: true, mode: 'date' }),
});

const seatById = keptStatement((db) =>
  db
    .select()
    .from(seats)
    .where(eq(seats.id, sql.placeholder('id'))),
);
const lockSeat = keptStatement((db) =>
  db
    .select()
    .from(seats)
    .where(eq(seats.id, sql.placeholder('id')))
    .for('update'),
);
const holdSeat = keptStatement((db) =>
  db
    .update(seats)
    .set({ holder: placeholderValue<string>('holder'), heldAt: placeholderValue<Date>('heldAt') })
    .where(eq(seats.id, sql.placeholder('id')))
    .returning(),
);
const addSeat = keptStatement((db) =>
  db.insert(seats).values({ id: sql.placeholder('id'), holder: null, heldAt: null }),
);

const addHeldSeat = keptStatement((db) =>
  db.insert(seats).values({ id: sql.placeholder('id'), holder: null, heldAt: sql.placeholder('heldAt') }),
);

let database: Database;
let unnamed: Database;
let named: Database;

beforeAll(async () => {
  database = createDatabase({ primaryUrl: url, poolMax: 3 });
  unnamed = createDatabase({ primaryUrl: url, poolMax: 1, preparedStatements: false });
  named = createDatabase({ primaryUrl: url, poolMax: 1 });
  await database.primary.execute(
    sql.raw(`create table ${tableName} (id int primary key, holder text, held_at timestamptz)`),
  );
});
beforeEach(async () => {
  await database.primary.execute(sql.raw(`truncate ${tableName}`));
  await database.primary.insert(seats).values([{ id: 1 }, { id: 2 }]);
});
afterAll(async () => {
  await database?.primary.execute(sql.raw(`drop table if exists ${tableName}`));
  await Promise.all([database?.close(), unnamed?.close(), named?.close()]);
});

describe('a statement built once', () => {
  it("answers each call with that call's values, columns mapped as drizzle maps them", async () => {
    const heldAt = new Date('2026-12-07T10:00:00.000Z');
    expect(await holdSeat(database.primary, { id: 1, holder: 'fan-1', heldAt })).toEqual([
      { id: 1, holder: 'fan-1', heldAt },
    ]);
    expect(await seatById(database.primary, { id: 1 })).toEqual([{ id: 1, holder: 'fan-1', heldAt }]);
    expect(await seatById(database.primary, { id: 2 })).toEqual([{ id: 2, holder: null, heldAt: null }]);
    expect(await seatById(database.primary, { id: 3 })).toEqual([]);
  });

  it('sends a null for a mapped column (a timestamp) as null, in an update and an insert', async () => {
    expect(await holdSeat(database.primary, { id: 1, holder: null, heldAt: null })).toEqual([
      { id: 1, holder: null, heldAt: null },
    ]);
    await addHeldSeat(database.primary, { id: 3, heldAt: null });
    await addHeldSeat(database.primary, { id: 4, heldAt: new Date('2026-12-07T11:00:00.000Z') });
    expect(await seatById(database.primary, { id: 3 })).toEqual([{ id: 3, holder: null, heldAt: null }]);
    expect(await seatById(database.primary, { id: 4 })).toEqual([
      { id: 4, holder: null, heldAt: new Date('2026-12-07T11:00:00.000Z') },
    ]);
  });

  it("runs inside a transaction on the transaction's connection: it sees its writes and rolls back with it", async () => {
    await expect(
      withTransaction(database.primary, async (tx) => {
        await addSeat(tx, { id: 7 });
        expect(await seatById(tx, { id: 7 })).toHaveLength(1);
        expect(await seatById(database.primary, { id: 7 })).toEqual([]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await seatById(database.primary, { id: 7 })).toEqual([]);
  });

  it("holds a row lock for its own transaction: a second locker waits for the first one's commit", async () => {
    const order: string[] = [];
    let releaseFirst = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstLocked = () => {};
    const locked = new Promise<void>((resolve) => {
      firstLocked = resolve;
    });
    const first = withTransaction(database.primary, async (tx) => {
      await lockSeat(tx, { id: 1 });
      firstLocked();
      await firstMayCommit;
      await holdSeat(tx, { id: 1, holder: 'first', heldAt: new Date() });
      order.push('first committed');
    });
    await locked;
    const second = withTransaction(database.primary, async (tx) => {
      const [seat] = await lockSeat(tx, { id: 1 });
      order.push(`second saw ${seat?.holder}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first committed', 'second saw first']);
  });

  it('keeps concurrent transactions apart: the one that fails leaves nothing, the other commits', async () => {
    const results = await Promise.allSettled(
      [10, 11, 12, 13, 14, 15].map((id) =>
        withTransaction(database.primary, async (tx) => {
          await addSeat(tx, { id });
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (id % 2 === 1) throw new Error(`seat ${id} fails`);
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    const rows = await database.primary.select({ id: seats.id }).from(seats).orderBy(seats.id);
    expect(rows.map((row) => row.id)).toEqual([1, 2, 10, 12, 14]);
  });

  it('refuses a call without a value for a placeholder, and the next call works', async () => {
    await expect(seatById(database.primary, {})).rejects.toThrow(/placeholder "id"/);
    expect(await seatById(database.primary, { id: 2 })).toHaveLength(1);
  });

  it('goes to the server named only where the pool names its statements', async () => {
    const preparedOn = async (db: Database) =>
      (
        await db.primary.execute<{ name: string; statement: string }>(
          sql`select name, statement from pg_prepared_statements`,
        )
      ).rows.filter((row) => row.statement.includes(tableName));
    expect(await seatById(unnamed.primary, { id: 1 })).toHaveLength(1);
    expect(await preparedOn(unnamed)).toEqual([]);
    expect(await seatById(named.primary, { id: 1 })).toHaveLength(1);
    expect((await preparedOn(named)).map((row) => row.name)).toEqual([expect.stringMatching(/^urr_/)]);
  });
});
