import { createDatabase, databaseEnv, loadConfig, type UserRole, z } from '@urr/common';
import * as schema from './db/schema.js';
import { grantRole } from './db/user-store.js';

/**
 * The body of the role commands (`make-admin`, `make-staff`): gives an existing account, named by its
 * email in argv, the role (DATABASE_URL pointing at auth_db). Roles are granted by an operator on purpose,
 * never by registering with a listed address: without email verification anyone could register it first.
 */
export async function grantRoleCommand(role: Exclude<UserRole, 'user'>, command: string): Promise<void> {
  const email = process.argv[2];
  if (!email || !z.email().safeParse(email).success) {
    console.error(`usage: ${command} <email of an existing account>`);
    process.exit(2);
  }
  const config = loadConfig(z.object(databaseEnv));
  const db = createDatabase({ primaryUrl: config.DATABASE_URL, schema });
  try {
    const grantedId = await grantRole(db.primary, email, role);
    if (grantedId === undefined) {
      console.error(`no account with the email ${email}; register it first`);
      process.exitCode = 1;
    } else
      console.log(`${email} (${grantedId}) is now ${role}; it takes effect at its next sign-in or refresh`);
  } finally {
    await db.close();
  }
}
