/** Grants the admin role to an existing account: `npm run make-admin -w @urr/auth -- fan@example.com`. */
import { grantRoleCommand } from './grant-role.js';

await grantRoleCommand('admin', 'make-admin');
