import { readJson } from '@urr/common/testing/read-json';
import { sql } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAuthService, type TestAuthService } from '../testing/test-auth-service.js';
import { grantRole } from './user-store.js';

let auth: TestAuthService;
beforeAll(async () => {
  auth = await startTestAuthService();
});
afterAll(async () => {
  await auth?.close();
});

const password = 'a long enough password';
const post = (path: string, body: unknown) =>
  auth.app.request(`/api/v1/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('grantRole', () => {
  it('makes an account staff: its next sign-in carries the role in the access token', async () => {
    const email = `door-${crypto.randomUUID()}@example.com`;
    expect((await post('/register', { email, password, displayName: 'Door' })).status).toBe(201);

    const id = await grantRole(auth.db.primary, ` ${email.toUpperCase()} `, 'staff');
    expect(id).toBeDefined();

    const body = await readJson(await post('/login', { email, password }));
    expect(body.account).toMatchObject({ id, role: 'staff' });
    expect(decodeJwt(body.accessToken)).toMatchObject({ sub: id, role: 'staff' });
  });

  it('answers undefined for an address nobody registered', async () => {
    expect(await grantRole(auth.db.primary, `nobody-${crypto.randomUUID()}@example.com`, 'staff')).toBe(
      undefined,
    );
  });

  it('leaves roles outside the list to the database to refuse', async () => {
    await expect(
      auth.db.primary.execute(
        sql`insert into users (email, display_name, role) values (${`x-${crypto.randomUUID()}@example.com`}, 'X', 'superuser')`,
      ),
    ).rejects.toMatchObject({ cause: { constraint: 'users_role_check' } });
  });
});
