import { type DbClient, keptStatement, placeholderValue } from '@urr/common';
import { and, eq, lt, sql } from 'drizzle-orm';
import { idempotencyKeys } from './schema.js';

/** A response as first sent, replayed byte-for-byte in meaning to retries with the same key. */
export interface StoredResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
}

export interface KeyedRequest {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
}

export type Claim =
  /** This request holds the key and runs. */
  | { readonly kind: 'claimed' }
  /** The same request ran already: answer with its response. */
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  /** The same request is running right now. */
  | { readonly kind: 'in-flight' }
  /** The key was used for a different request. */
  | { readonly kind: 'mismatch' };

export interface IdempotencyStoreOptions {
  readonly db: DbClient;
  /** Keys older than this are forgotten (and reusable). */
  readonly ttlMs: number;
  /**
   * A key held longer than this by a request that never finished (its process died) may be taken over by a
   * retry. Longer than any request can take (the PSP timeout plus margin).
   */
  readonly abandonAfterMs: number;
}

export interface IdempotencyStore {
  readonly claim: (request: KeyedRequest) => Promise<Claim>;
  readonly complete: (request: KeyedRequest, response: StoredResponse) => Promise<void>;
  /** Deletes expired keys; returns how many. */
  readonly sweep: () => Promise<number>;
}

const storeResponse = keptStatement((db) =>
  db
    .update(idempotencyKeys)
    .set({
      status: 'completed',
      responseStatus: placeholderValue<number>('status'),
      responseContentType: placeholderValue<string>('contentType'),
      responseBody: placeholderValue<unknown>('body'),
      completedAt: placeholderValue<Date>('completedAt'),
    })
    .where(
      and(
        eq(idempotencyKeys.scope, sql.placeholder('scope')),
        eq(idempotencyKeys.key, sql.placeholder('key')),
      ),
    ),
);

export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const { db, ttlMs, abandonAfterMs } = options;
  const expiredBefore = sql`now() - ${ttlMs} * interval '1 millisecond'`;

  const claimOnce = async ({ scope, key, fingerprint }: KeyedRequest): Promise<Claim | undefined> => {
    // One statement claims a new key, an expired one, or an abandoned run of the same request.
    const claimed = await db.execute(sql`
      insert into idempotency_keys (scope, key, fingerprint, status)
      values (${scope}, ${key}, ${fingerprint}, 'in_flight')
      on conflict (scope, key) do update set
        fingerprint = excluded.fingerprint, status = 'in_flight', locked_at = now(),
        response_status = null, response_content_type = null, response_body = null, completed_at = null,
        created_at = case when idempotency_keys.created_at < ${expiredBefore} then now()
                          else idempotency_keys.created_at end
      where idempotency_keys.created_at < ${expiredBefore}
         or (idempotency_keys.status = 'in_flight' and idempotency_keys.fingerprint = excluded.fingerprint
             and idempotency_keys.locked_at < now() - ${abandonAfterMs} * interval '1 millisecond')
      returning key`);
    if (claimed.rows.length > 0) return { kind: 'claimed' };
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!existing) return undefined;
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (existing.status === 'in_flight') return { kind: 'in-flight' };
    return {
      kind: 'replay',
      response: {
        status: existing.responseStatus ?? 500,
        contentType: existing.responseContentType ?? 'application/json',
        body: existing.responseBody,
      },
    };
  };

  return {
    claim: async (request) => {
      // A sweep can delete the row between the two statements; the second round then inserts it.
      for (let attempt = 0; attempt < 3; attempt++) {
        const claim = await claimOnce(request);
        if (claim) return claim;
      }
      throw new Error(`idempotency key ${request.key} kept vanishing while being claimed`);
    },
    complete: async ({ scope, key }, response) => {
      await storeResponse(db, { ...response, completedAt: new Date(), scope, key });
    },
    sweep: async () => {
      const deleted = await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.createdAt, sql`${expiredBefore}`))
        .returning({ key: idempotencyKeys.key });
      return deleted.length;
    },
  };
}
