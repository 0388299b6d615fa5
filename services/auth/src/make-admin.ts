/**
 * Grants the admin role to an existing account: `npm run make-admin -w @urr/auth -- fan@example.com`
 * (DATABASE_URL pointing at auth_db). Admins are made by an operator on purpose, never by registering
 * with a listed address: without email verification anyone could register that address first.
 */
import { createDatabase, databaseEnv, loadConfig, z } from '@urr/common';
import * as schema from './db/schema.js';
import { grantAdminRole } from './db/user-store.js';

const email = process.argv[2];
if (!email || !z.email().safeParse(email).success) {
  console.error('usage: make-admin <email of an existing account>');
  process.exit(2);
}
const config = loadConfig(z.object(databaseEnv));
const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
try {
  const promotedId = await grantAdminRole(db.primary, email);
  if (promotedId === undefined) {
    console.error(`no account with the email ${email}; register it first`);
    process.exitCode = 1;
  } else
    console.log(`${email} (${promotedId}) is now an admin; it takes effect at its next sign-in or refresh`);
} finally {
  await db.close();
}
