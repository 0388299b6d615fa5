import { fileURLToPath } from 'node:url';

/** ticket_db's drizzle-kit migrations: ticket-service applies them at start, and so does the local ticket-worker. */
export const ticketMigrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));
