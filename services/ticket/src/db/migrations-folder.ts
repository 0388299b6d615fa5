import { fileURLToPath } from 'node:url';

/** ticket_db's drizzle-kit migrations: ticket-service applies them at start (and `npm run db:migrate`, the seed). */
export const ticketMigrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));
