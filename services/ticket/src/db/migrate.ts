import { loadConfig, runMigrations, z } from '@urr/common';
import { ticketMigrationsFolder } from './migrations-folder.js';

/**
 * `npm run db:migrate -w @urr/ticket-service`: applies ticket_db's pending migrations and exits. The
 * service applies them at start too; this is for whatever reads ticket_db without starting the service
 * first (the ticket-worker checks and refuses a schema that is behind).
 */
const { DATABASE_URL } = loadConfig(
  z.object({
    DATABASE_URL: z.url({
      error: 'set it to the ticket_db URL, e.g. postgres://urr@127.0.0.1:15432/ticket_db',
    }),
  }),
);
await runMigrations({ url: DATABASE_URL, migrationsFolder: ticketMigrationsFolder });
