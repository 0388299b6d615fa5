import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Database } from '../db/database.js';
import { runMigrations } from '../db/migrate.js';

export interface TestDatabaseOptions<Schema extends Record<string, unknown>> {
  /** The service's database on the local stack, e.g. `localStackEndpoints().postgresUrl('ticket_db')`. */
  readonly url: string;
  readonly migrationsFolder: string;
  readonly schema?: Schema;
  /**
   * Migrate into a fresh Postgres schema of its own (dropped by `drop()`) instead of the database's default
   * one. Services' tests normally share the migrated database and keep apart through unique ids; a test
   * that needs empty tables (or counts rows) isolates itself this way.
   * @default false
   */
  readonly isolated?: boolean;
}

export interface TestDatabase<Schema extends Record<string, unknown>> extends Database<Schema> {
  /** The isolated schema's name, when `isolated`. */
  readonly searchPath: string | undefined;
  /** Closes the pools and, when isolated, drops the schema. */
  readonly drop: () => Promise<void>;
}

/** A migrated database on the real local Postgres, for integration tests. */
export async function prepareTestDatabase<Schema extends Record<string, unknown> = Record<string, never>>(
  options: TestDatabaseOptions<Schema>,
): Promise<TestDatabase<Schema>> {
  const searchPath = options.isolated ? `test_${randomBytes(6).toString('hex')}` : undefined;
  if (searchPath) await adminQuery(options.url, `create schema "${searchPath}"`);
  await runMigrations({
    url: options.url,
    migrationsFolder: options.migrationsFolder,
    ...(searchPath ? { searchPath, migrationsSchema: searchPath } : {}),
  });
  const database = createDatabase({
    primaryUrl: options.url,
    poolMax: 5,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(searchPath ? { searchPath } : {}),
  });
  return {
    ...database,
    searchPath,
    drop: async () => {
      await database.close();
      if (searchPath) await adminQuery(options.url, `drop schema "${searchPath}" cascade`);
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
