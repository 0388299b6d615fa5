/**
 * Grants the staff role (checks tickets in at the doors) to an existing account:
 * `npm run make-staff -w @urr/auth -- door@example.com`.
 */
import { grantRoleCommand } from './grant-role.js';

await grantRoleCommand('staff', 'make-staff');
