import { randomUUID } from 'node:crypto';
import { prepareTestDatabase, type TestDatabase } from '@urr/common/testing/test-database';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdempotencyStore } from './idempotency-store.js';
import * as schema from './schema.js';

let db: TestDatabase<typeof schema>;
beforeAll(async () => {
  db = await prepareTestDatabase({
    url: localStackEndpoints().postgresUrl('payment_db'),
    migrationsFolder: new URL('../../db/migrations', import.meta.url).pathname,
    schema,
  });
});
afterAll(async () => {
  await db?.drop();
});

const day = 24 * 3_600_000;
const request = (fingerprint = 'f1') => ({ scope: `user:${randomUUID()}`, key: randomUUID(), fingerprint });
const age = (scope: string, key: string, column: 'created_at' | 'locked_at', interval: string) =>
  db.primary.execute(
    sql`update idempotency_keys set ${sql.identifier(column)} = now() - ${interval}::interval where scope = ${scope} and key = ${key}`,
  );

describe('idempotency key store', () => {
  const store = () => createIdempotencyStore({ db: db.primary, ttlMs: day, abandonAfterMs: 60_000 });

  it('claims a key once; then replays, refuses another request, or reports it in flight', async () => {
    const keys = store();
    const first = request();
    expect(await keys.claim(first)).toEqual({ kind: 'claimed' });
    expect(await keys.claim(first)).toEqual({ kind: 'in-flight' });
    expect(await keys.claim({ ...first, fingerprint: 'f2' })).toEqual({ kind: 'mismatch' });
    const response = { status: 503, contentType: 'application/problem+json', body: { title: 'Down' } };
    await keys.complete(first, response);
    expect(await keys.claim(first)).toEqual({ kind: 'replay', response });
  });

  it('concurrent claims of one key: exactly one wins', async () => {
    const keys = store();
    const contested = request();
    const claims = await Promise.all(Array.from({ length: 10 }, () => keys.claim(contested)));
    expect(claims.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((claim) => claim.kind === 'in-flight')).toHaveLength(9);
  });

  it('a key older than 24 h is forgotten: reusable, and deleted by the sweep', async () => {
    const keys = store();
    const old = request();
    await keys.claim(old);
    await keys.complete(old, { status: 200, contentType: 'application/json', body: {} });
    await age(old.scope, old.key, 'created_at', '25 hours');
    expect(await keys.claim({ ...old, fingerprint: 'new request' })).toEqual({ kind: 'claimed' });

    const stale = request();
    await keys.claim(stale);
    await age(stale.scope, stale.key, 'created_at', '2 days');
    const fresh = request();
    await keys.claim(fresh);
    expect(await keys.sweep()).toBeGreaterThanOrEqual(1);
    const left = async (entry: { scope: string; key: string }) =>
      db.primary
        .select()
        .from(schema.idempotencyKeys)
        .where(and(eq(schema.idempotencyKeys.scope, entry.scope), eq(schema.idempotencyKeys.key, entry.key)));
    expect(await left(stale)).toEqual([]);
    expect(await left(fresh)).toHaveLength(1);
  });

  it('a key whose request never finished (crashed) can be taken over by the same request only', async () => {
    const keys = store();
    const abandoned = request();
    await keys.claim(abandoned);
    await age(abandoned.scope, abandoned.key, 'locked_at', '10 minutes');
    expect(await keys.claim({ ...abandoned, fingerprint: 'other' })).toEqual({ kind: 'mismatch' });
    expect(await keys.claim(abandoned)).toEqual({ kind: 'claimed' });
    expect(await keys.claim(abandoned)).toEqual({ kind: 'in-flight' });
  });
});
