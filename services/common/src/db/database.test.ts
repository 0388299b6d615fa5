import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import journal from '../../db/migrations/meta/_journal.json' with { type: 'json' };
import { outbox } from '../kafka/outbox-schema.js';
import { prepareTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createDatabase, sqlStateOf, withTransaction } from './database.js';

const url = localStackEndpoints().postgresUrl('ticket_db');
const migrationsFolder = new URL('../../db/migrations', import.meta.url).pathname;
let db: TestDatabase<Record<string, never>>;

beforeAll(async () => {
  db = await prepareTestDatabase({ url, migrationsFolder, isolated: true });
});
afterAll(async () => {
  await db?.drop();
});

const row = (key: string) => ({
  topic: 'test-topic',
  key,
  envelope: {
    id: crypto.randomUUID(),
    type: 't',
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
    payload: {},
  },
});

describe('database', () => {
  it('migrates into the isolated schema and answers the readiness ping', async () => {
    await expect(db.ping()).resolves.toBeUndefined();
    const tables = await db.primary.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = ${db.searchPath} order by 1`,
    );
    expect(tables.rows.map((table) => table.table_name)).toEqual([
      '__drizzle_migrations',
      'outbox',
      'processed_messages',
    ]);
  });

  it('running the migrations again, even concurrently, changes nothing', async () => {
    const { runMigrations } = await import('./migrate.js');
    const options = { url, migrationsFolder, searchPath: db.searchPath!, migrationsSchema: db.searchPath! };
    await Promise.all([runMigrations(options), runMigrations(options)]);
    const applied = await db.primary.execute(sql`select count(*)::int as count from __drizzle_migrations`);
    expect(applied.rows[0]).toEqual({ count: journal.entries.length });
  });

  it('withTransaction commits all writes together, or none when the work fails', async () => {
    const key = crypto.randomUUID();
    await withTransaction(db.primary, async (tx) => {
      await tx.insert(outbox).values(row(key));
      await tx.insert(outbox).values(row(key));
    });
    await expect(
      withTransaction(db.primary, async (tx) => {
        await tx.insert(outbox).values(row(key));
        throw new Error('payment declined');
      }),
    ).rejects.toThrow('payment declined');
    const rows = await db.primary.select().from(outbox).where(eq(outbox.key, key));
    expect(rows).toHaveLength(2);
  });

  it('withTransaction retries a serialization failure', async () => {
    let attempts = 0;
    const result = await withTransaction(db.primary, async (tx) => {
      attempts += 1;
      if (attempts === 1)
        await tx.execute(sql`do $$ begin raise exception 'conflict' using errcode = '40001'; end $$`);
      return 'done';
    });
    expect({ result, attempts }).toEqual({ result: 'done', attempts: 2 });
  });

  it('reports the SQLSTATE of constraint violations', async () => {
    const error = await db.primary
      .execute(
        sql`insert into processed_messages (consumer_group, message_id, topic) values ('g', ${crypto.randomUUID()}, 't'), ('g', '00000000-0000-4000-8000-000000000000', 't'), ('g', '00000000-0000-4000-8000-000000000000', 't')`,
      )
      .catch((caught: unknown) => caught);
    expect(sqlStateOf(error)).toBe('23505');
  });

  it('sends replica reads to the replica URL and falls back to the primary without one', async () => {
    const withoutReplica = createDatabase({ primaryUrl: url });
    expect(withoutReplica.replica).toBe(withoutReplica.primary);
    await withoutReplica.close();

    const replicaUrl = localStackEndpoints().postgresUrl('catalog_db');
    const withReplica = createDatabase({ primaryUrl: url, replicaUrl });
    const [primaryName, replicaName] = await Promise.all([
      withReplica.primary.execute<{ db: string }>(sql`select current_database() as db`),
      withReplica.replica.execute<{ db: string }>(sql`select current_database() as db`),
    ]);
    expect([primaryName.rows[0]?.db, replicaName.rows[0]?.db]).toEqual(['ticket_db', 'catalog_db']);
    await expect(withReplica.ping()).resolves.toBeUndefined();
    await withReplica.close();
  });

  it('ping fails when the database is unreachable', async () => {
    const down = createDatabase({ primaryUrl: 'postgres://urr@127.0.0.1:1/ticket_db' });
    await expect(down.ping()).rejects.toThrow();
    await down.close();
  });
});
