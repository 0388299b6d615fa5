/**
 * Grants the admin role to an existing account: `npm run make-admin -w @urr/auth -- fan@example.com`
 * (DATABASE_URL pointing at auth_db). Admins are made by an operator on purpose, never by registering
 * with a listed address: without email verification anyone could register that address first.
 */
import { createDatabase, databaseEnv, loadConfig, z } from '@urr/common';
import { eq } from 'drizzle-orm';
import * as schema from './db/schema.js';
import { normaliseEmail } from './db/user-store.js';

const email = process.argv[2];
if (!email || !z.email().safeParse(email).success) {
  console.error('usage: make-admin <email of an existing account>');
  process.exit(2);
}
const config = loadConfig(z.object(databaseEnv));
const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
try {
  const promoted = await db.primary
    .update(schema.users)
    .set({ role: 'admin', updatedAt: new Date() })
    .where(eq(schema.users.email, normaliseEmail(email)))
    .returning({ id: schema.users.id });
  if (promoted.length === 0) {
    console.error(`no account with the email ${email}; register it first`);
    process.exitCode = 1;
  } else
    console.log(
      `${email} (${promoted[0]!.id}) is now an admin; it takes effect at its next sign-in or refresh`,
    );
} finally {
  await db.close();
}
