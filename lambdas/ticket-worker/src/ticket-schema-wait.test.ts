import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runMigrations } from '@urr/common';
import { captureLogs } from '@urr/common/testing/log-capture';
import { neededTicketMigration, TicketSchemaBehindError } from '@urr/ticket-service';
import { type BlankDatabase, createBlankDatabase } from '@urr/ticket-service/testing';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from './handler.js';
import { sqsEventOf } from './sqs-event.js';
import { waitForTicketSchema } from './ticket-schema-wait.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const ticketMigrations = fileURLToPath(new URL('../../../services/ticket/db/migrations', import.meta.url));
const refusal =
  `ticket_db has none of ticket-service’s migrations but this code needs ${neededTicketMigration.tag}: ` +
  "run ticket-service's migrations first (npm run db:migrate -w @urr/ticket-service)";

let blank: BlankDatabase;
beforeEach(async () => {
  blank = await createBlankDatabase();
});
afterEach(async () => {
  await blank?.drop();
});

const tablesOf = async (db: BlankDatabase['db']) =>
  (
    await db.primary.execute<{ name: string }>(
      sql`select table_schema || '.' || table_name as name from information_schema.tables
          where table_schema not in ('pg_catalog', 'information_schema')`,
    )
  ).rows;

describe('the ticket-worker and ticket_db’s migrations (ticket-service’s to apply)', () => {
  it('the local worker exits with one line naming what to run, and creates no table', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'lambdas/ticket-worker/src/main.ts'],
      {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          DATABASE_URL: blank.url,
          TICKET_SCHEMA_WAIT_SECONDS: '0',
          LOG_LEVEL: 'silent',
          PORT: '39010',
        },
      },
    );
    const failed = await run.then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toBe(refusal);
    expect(await tablesOf(blank.db)).toEqual([]);
  }, 60_000);

  it('the Lambda handler refuses the batch while the schema is behind, and applies nothing', async () => {
    const before = process.env.DATABASE_URL;
    process.env.DATABASE_URL = blank.url;
    try {
      await expect(
        handler(sqsEventOf([], { arn: 'arn:aws:sqs:local:1:q.fifo', region: 'local' })),
      ).rejects.toThrow(new TicketSchemaBehindError(refusal));
    } finally {
      process.env.DATABASE_URL = before;
    }
    expect(await tablesOf(blank.db)).toEqual([]);
  });

  it('the local worker’s wait ends as soon as ticket-service has migrated, which it may do meanwhile', async () => {
    const { logger, lines } = captureLogs('ticket-worker-test');
    const waiting = waitForTicketSchema({ db: blank.db.primary, waitSeconds: 60, logger, pollMs: 50 });
    await runMigrations({ url: blank.url, migrationsFolder: ticketMigrations });
    await expect(waiting).resolves.toBeUndefined();
    expect(lines().map((line) => line.msg)).toContain('waiting for ticket_db’s migrations');
  });

  it('without time to wait, the wait answers the refusal at once', async () => {
    const { logger } = captureLogs('ticket-worker-test');
    await expect(waitForTicketSchema({ db: blank.db.primary, waitSeconds: 0, logger })).resolves.toBe(
      refusal,
    );
  });
});
