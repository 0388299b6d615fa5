import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, sqlStateOf, withTransaction } from './database.js';
import { maxNamedStatementsPerConnection, statementNameOf } from './preparing-client.js';

const url = localStackEndpoints().postgresUrl('ticket_db');
const table = `prepared_${process.pid}_${Date.now()}`;
let one: Database;
let unnamed: Database;

/** The statements prepared on the session that runs this (a pool of one connection: always the same). */
async function preparedOn(db: Database): Promise<string[]> {
  const result = await db.primary.execute<{ name: string }>(sql`select name from pg_prepared_statements`);
  return result.rows.map((row) => row.name);
}

const textOf = (query: SQL) => new PgDialect().sqlToQuery(query).sql;

beforeAll(async () => {
  one = createDatabase({ primaryUrl: url, poolMax: 1 });
  unnamed = createDatabase({ primaryUrl: url, poolMax: 1, preparedStatements: false });
  await one.primary.execute(sql.raw(`create table ${table} (id int primary key, label text)`));
});
afterAll(async () => {
  await one?.primary.execute(sql.raw(`drop table if exists ${table}`));
  await Promise.all([one?.close(), unnamed?.close()]);
});

describe('prepared statements', () => {
  it('parses a statement once per connection and answers each execution with its own values', async () => {
    const query = (value: number) => sql`select ${value}::int * 2 as doubled`;
    const answers = [];
    for (const value of [1, 2, 3]) answers.push((await one.primary.execute(query(value))).rows[0]);
    expect(answers).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    expect(await preparedOn(one)).toContain(statementNameOf(textOf(query(0))));
  });

  it('prepares nothing when turned off', async () => {
    await unnamed.primary.execute(sql`select ${1}::int as plain`);
    expect(await preparedOn(unnamed)).toEqual([]);
  });

  it('names at most the cap per connection and still answers statements beyond it', async () => {
    const distinct = maxNamedStatementsPerConnection + 20;
    for (let index = 0; index < distinct; index++) {
      const result = await one.primary.execute<{ n: number }>(
        sql`select ${sql.raw(String(index))}::int + ${1}::int as n`,
      );
      expect(result.rows[0]?.n).toBe(index + 1);
    }
    expect((await preparedOn(one)).length).toBeLessThanOrEqual(maxNamedStatementsPerConnection);
  });

  it('keeps working after a statement fails at run time, inside and after a failed transaction', async () => {
    const divide = (by: number) => sql`select 10 / ${by}::int as quotient`;
    await expect(one.primary.execute(divide(0))).rejects.toSatisfy((error) => sqlStateOf(error) === '22012');
    expect((await one.primary.execute(divide(5))).rows).toEqual([{ quotient: 2 }]);

    const firstSeenInAbortedTransaction = sql`select ${'late'}::text as first_parse_after_abort`;
    await expect(
      withTransaction(one.primary, async (tx) => {
        await tx.execute(divide(0)).catch(() => undefined);
        await tx.execute(firstSeenInAbortedTransaction);
      }),
    ).rejects.toSatisfy((error) => sqlStateOf(error) === '25P02');
    expect((await one.primary.execute(firstSeenInAbortedTransaction)).rows).toEqual([
      { first_parse_after_abort: 'late' },
    ]);
  });

  it('re-plans after the table changes under a prepared statement', async () => {
    const select = sql`select id, label from ${sql.raw(table)} where id = ${1}`;
    await one.primary.execute(sql`insert into ${sql.raw(table)} (id, label) values (${1}, ${'before'})`);
    expect((await one.primary.execute(select)).rows).toEqual([{ id: 1, label: 'before' }]);
    await one.primary.execute(sql.raw(`alter table ${table} add column extra int default 7`));
    await one.primary.execute(sql.raw(`create index on ${table} (label)`));
    expect((await one.primary.execute(select)).rows).toEqual([{ id: 1, label: 'before' }]);
  });

  it('answers every one of many concurrent statements on a shared pool with its own values', async () => {
    const pool = createDatabase({ primaryUrl: url, poolMax: 3 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          pool.primary.execute<{ echoed: string }>(sql`select ${`fan-${index}`}::text as echoed`),
        ),
      );
      expect(answers.map((answer) => answer.rows[0]?.echoed)).toEqual(
        Array.from({ length: 60 }, (_, index) => `fan-${index}`),
      );
    } finally {
      await pool.close();
    }
  });
});
