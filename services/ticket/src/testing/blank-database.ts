import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '@urr/common';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';

export interface BlankDatabase {
  /** Its URL on the local PostgreSQL. */
  readonly url: string;
  readonly db: Database<Record<string, never>>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const server = createDatabase({
    primaryUrl: localStackEndpoints().postgresUrl('ticket_db'),
    schema: {},
    poolMax: 1,
  });
  try {
    await server.primary.execute(sql.raw(statement));
  } finally {
    await server.close();
  }
}

/**
 * A new, empty database beside ticket_db: nobody migrated it, and unlike an isolated schema of ticket_db
 * it has no `drizzle` schema that other tests migrate.
 */
export async function createBlankDatabase(): Promise<BlankDatabase> {
  const name = `ticket_blank_${randomBytes(6).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(localStackEndpoints().postgresUrl('ticket_db'));
  url.pathname = `/${name}`;
  const db = createDatabase({ primaryUrl: url.href, schema: {}, poolMax: 1 });
  return {
    url: url.href,
    db,
    drop: async () => {
      await db.close();
      await onServer(`drop database ${name} with (force)`);
    },
  };
}
