import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { localStackEndpoints } from '../stack-env.js';

const serviceDatabases = ['ticket_db', 'catalog_db', 'auth_db', 'payment_db', 'stats_db', 'community_db'];

describe('PostgreSQL smoke test', () => {
  const pools = serviceDatabases.map(
    (database) => new pg.Pool({ connectionString: localStackEndpoints().postgresUrl(database), max: 2 }),
  );
  afterAll(async () => Promise.all(pools.map((pool) => pool.end())));

  it('serves all six service databases', async () => {
    const names = await Promise.all(
      pools.map(
        async (pool) =>
          (await pool.query<{ name: string }>('select current_database() as name')).rows[0]?.name,
      ),
    );
    expect(names).toEqual(serviceDatabases);
  });

  it('round-trips a row through a table and enforces a unique constraint', async () => {
    const pool = pools[0]!;
    const table = `smoke_${process.pid}_${Date.now()}`;
    await pool.query(`create table ${table} (seat text primary key, holder text not null)`);
    try {
      await pool.query(`insert into ${table} values ($1, $2)`, ['A-1', 'fan-1']);
      await expect(
        pool.query(`insert into ${table} values ($1, $2)`, ['A-1', 'fan-2']),
      ).rejects.toMatchObject({
        code: '23505',
      });
      const { rows } = await pool.query(`select holder from ${table} where seat = $1`, ['A-1']);
      expect(rows).toEqual([{ holder: 'fan-1' }]);
    } finally {
      await pool.query(`drop table ${table}`);
    }
  });
});
