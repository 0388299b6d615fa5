import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client } from 'pg';

export interface MigrateOptions {
  readonly url: string;
  /** The service's drizzle-kit output folder, e.g. `new URL('../db/migrations', import.meta.url).pathname`. */
  readonly migrationsFolder: string;
  /** Where drizzle records applied migrations. @default 'drizzle' */
  readonly migrationsSchema?: string;
  /** Put this schema first on the search path, so unqualified tables land in it (test isolation). */
  readonly searchPath?: string;
}

/**
 * Applies the pending migrations of one folder. Replicas starting together, or test files running in
 * parallel, take turns through an advisory lock instead of racing to create the same tables.
 */
export async function runMigrations(options: MigrateOptions): Promise<void> {
  const client = new Client({
    connectionString: options.url,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath},public` } : {}),
  });
  await client.connect();
  try {
    const db = drizzle({ client });
    const lockKey = `urr-migrations:${options.migrationsSchema ?? 'drizzle'}`;
    await db.execute(sql`select pg_advisory_lock(hashtext(${lockKey}))`);
    try {
      await migrate(db, {
        migrationsFolder: options.migrationsFolder,
        ...(options.migrationsSchema ? { migrationsSchema: options.migrationsSchema } : {}),
      });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(hashtext(${lockKey}))`);
    }
  } finally {
    await client.end();
  }
}
