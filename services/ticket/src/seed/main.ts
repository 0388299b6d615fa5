import { createDatabase, createLogger, loadConfig, logLevels, runMigrations, z } from '@urr/common';
import { ticketMigrationsFolder } from '../db/migrations-folder.js';
import * as schema from '../db/schema.js';
import { seedDemoData } from './demo-data.js';

/** `npm run seed -w @urr/ticket-service`: the demo sales, once (running it again changes nothing). */
const config = loadConfig(
  z.object({
    DATABASE_URL: z.url({
      error: 'set it to the ticket_db URL, e.g. postgres://urr@127.0.0.1:15432/ticket_db',
    }),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    /** The user shown as the demo events' organiser (auth-service's seeded admin, when there is one). */
    SEED_ORGANISER_ID: z.string().min(1).max(128).default('00000000-0000-4000-8000-000000000001'),
  }),
);
const logger = createLogger({ service: 'ticket-seed', level: config.LOG_LEVEL });
await runMigrations({ url: config.DATABASE_URL, migrationsFolder: ticketMigrationsFolder });
const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema, poolMax: 2, logger });
try {
  const result = await seedDemoData(db, { organiserId: config.SEED_ORGANISER_ID });
  logger.info(
    result,
    `demo data: ${result.created.length} events created, ${result.existing.length} already there`,
  );
} finally {
  await db.close();
}
