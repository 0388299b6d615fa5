import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@urr/common';
import { prepareTestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlankDatabase } from '../testing/blank-database.js';
import { ticketMigrationsFolder } from './migrations-folder.js';
import {
  neededTicketMigration,
  requireCurrentTicketSchema,
  TicketSchemaBehindError,
  ticketSchemaLag,
} from './schema-version.js';

const serverUrl = localStackEndpoints().postgresUrl('ticket_db');

describe('ticketSchemaLag', () => {
  let allButNewest: string;
  let secondNewestTag: string;
  beforeAll(async () => {
    // ticket-service's migrations without the newest one: a ticket_db one deploy behind.
    allButNewest = await mkdtemp(join(tmpdir(), 'ticket-migrations-'));
    await cp(ticketMigrationsFolder, allButNewest, { recursive: true });
    const journalFile = join(allButNewest, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalFile, 'utf8'));
    journal.entries.pop();
    secondNewestTag = journal.entries.at(-1).tag;
    await writeFile(journalFile, JSON.stringify(journal));
  });
  afterAll(async () => {
    await rm(allButNewest, { recursive: true, force: true });
  });

  it('is undefined for a schema with every migration (an isolated test schema, recorded beside its tables)', async () => {
    const db = await prepareTestDatabase({
      url: serverUrl,
      migrationsFolder: ticketMigrationsFolder,
      isolated: true,
    });
    try {
      expect(await ticketSchemaLag(db.primary)).toBeUndefined();
      await expect(requireCurrentTicketSchema(db.primary)).resolves.toBeUndefined();
    } finally {
      await db.drop();
    }
  });

  it('names the command to run, in one line, for a database nobody migrated', async () => {
    const fresh = await createBlankDatabase();
    try {
      const lag = await ticketSchemaLag(fresh.db.primary);
      expect(lag).toBe(
        `ticket_db has none of ticket-service’s migrations but this code needs ${neededTicketMigration.tag}: ` +
          "run ticket-service's migrations first (npm run db:migrate -w @urr/ticket-service)",
      );
      expect(lag).not.toContain('\n');
      await expect(requireCurrentTicketSchema(fresh.db.primary)).rejects.toThrow(TicketSchemaBehindError);
    } finally {
      await fresh.drop();
    }
  });

  it('says which migration a schema one deploy behind is at, and is satisfied once the rest is applied', async () => {
    const fresh = await createBlankDatabase();
    try {
      await runMigrations({ url: fresh.url, migrationsFolder: allButNewest });
      const lag = await ticketSchemaLag(fresh.db.primary);
      expect(lag).toBe(
        `ticket_db is at migration ${secondNewestTag} but this code needs ${neededTicketMigration.tag}: ` +
          "run ticket-service's migrations first (npm run db:migrate -w @urr/ticket-service)",
      );

      await runMigrations({ url: fresh.url, migrationsFolder: ticketMigrationsFolder });
      expect(await ticketSchemaLag(fresh.db.primary)).toBeUndefined();
    } finally {
      await fresh.drop();
    }
  });
});
