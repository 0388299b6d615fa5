import type { DbClient } from '@urr/common';
import { sql } from 'drizzle-orm';
import journal from '../../db/migrations/meta/_journal.json' with { type: 'json' };

/**
 * Whether ticket_db has every migration this code was built with. Read by code that uses ticket_db without
 * owning its migrations (the ticket-worker): ticket-service's deploy applies them, such a reader only
 * checks. The journal is compiled in, so a bundle needs no migration files. docs/adr/0033.
 */

/** What to run when the schema is behind, named in the refusal. */
export const ticketMigrateCommand = 'npm run db:migrate -w @urr/ticket-service';

/** The newest migration this code needs. */
export const neededTicketMigration = (() => {
  const newest = journal.entries.at(-1);
  if (!newest) throw new Error('ticket-service has no migrations in its journal');
  return { tag: newest.tag, when: newest.when };
})();

/**
 * drizzle's record of applied migrations: in the schema first on the search path when one was migrated
 * there (an isolated test schema), else in `drizzle` (where ticket-service's deploy records them).
 */
async function appliedMigrationsTable(db: DbClient): Promise<string | undefined> {
  const { rows } = await db.execute<{ table: string | null }>(
    sql`select coalesce(to_regclass('__drizzle_migrations'), to_regclass('drizzle.__drizzle_migrations'))::text as "table"`,
  );
  return rows[0]?.table ?? undefined;
}

/**
 * One line saying what is missing and what to run when ticket_db lacks a migration this code needs;
 * undefined when the schema is current (or newer: ticket-service deploys its migrations before new code).
 */
export async function ticketSchemaLag(db: DbClient): Promise<string | undefined> {
  const table = await appliedMigrationsTable(db);
  const newest = table
    ? Number(
        (
          await db.execute<{ when: string | null }>(
            sql`select max(created_at)::text as "when" from ${sql.raw(table)}`,
          )
        ).rows[0]?.when ?? 0,
      )
    : 0;
  if (newest >= neededTicketMigration.when) return undefined;
  const at = journal.entries.findLast((entry) => entry.when <= newest)?.tag;
  const where = at ? `is at migration ${at}` : 'has none of ticket-service’s migrations';
  return `ticket_db ${where} but this code needs ${neededTicketMigration.tag}: run ticket-service's migrations first (${ticketMigrateCommand})`;
}

/** Throws {@link ticketSchemaLag}'s line when ticket_db is behind. */
export async function requireCurrentTicketSchema(db: DbClient): Promise<void> {
  const lag = await ticketSchemaLag(db);
  if (lag) throw new TicketSchemaBehindError(lag);
}

export class TicketSchemaBehindError extends Error {
  override readonly name = 'TicketSchemaBehindError';
}
