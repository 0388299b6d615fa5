import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTransactionConfig } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import type { Logger } from '../logging/logger.js';
import { PreparingClient } from './preparing-client.js';

/** A database handle or a transaction inside one: what helpers such as `enqueueOutbox` take. */
// biome-ignore lint/suspicious/noExplicitAny: works with any service's schema
export type DbClient = PgDatabase<NodePgQueryResultHKT, any, any>;

export interface DatabaseOptions<Schema extends Record<string, unknown>> {
  readonly primaryUrl: string;
  /** Reads that tolerate replica lag go here; the primary serves them when unset. */
  readonly replicaUrl?: string | undefined;
  /** The service's drizzle schema (`import * as schema from './db/schema.js'`), for relational queries. */
  readonly schema?: Schema;
  /** Connections per pool. @default 10 */
  readonly poolMax?: number;
  /** Postgres schema to put first on the search path (tests isolate themselves in one). */
  readonly searchPath?: string;
  readonly logger?: Logger;
  /** Statements running longer are cancelled by the server. @default 15000 */
  readonly statementTimeoutMs?: number;
  /**
   * Named statements, parsed once per connection (docs/adr/0057-prepared-statements.md); off where many
   * short-lived clients share connections through a pooling proxy. @default true
   */
  readonly preparedStatements?: boolean;
}

export interface Database<Schema extends Record<string, unknown> = Record<string, never>> {
  /** Writes and reads that must see the latest writes. */
  readonly primary: NodePgDatabase<Schema>;
  /** Reads that may lag a little (catalog lists, stats); the primary when no replica is configured. */
  readonly replica: NodePgDatabase<Schema>;
  /** Readiness check: `SELECT 1` on the primary and, when distinct, the replica. */
  readonly ping: () => Promise<void>;
  readonly close: () => Promise<void>;
}

function createPool(url: string, options: DatabaseOptions<Record<string, unknown>>, role: string): Pool {
  const pool = new Pool({
    ...((options.preparedStatements ?? true) ? { Client: PreparingClient } : {}),
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath},public` } : {}),
  });
  // An idle client losing its connection emits here; without a listener the process would crash.
  pool.on('error', (error) => options.logger?.error({ err: error, role }, 'postgres pool error'));
  return pool;
}

export function createDatabase<Schema extends Record<string, unknown> = Record<string, never>>(
  options: DatabaseOptions<Schema>,
): Database<Schema> {
  const primaryPool = createPool(options.primaryUrl, options, 'primary');
  const replicaPool =
    options.replicaUrl && options.replicaUrl !== options.primaryUrl
      ? createPool(options.replicaUrl, options, 'replica')
      : undefined;
  const config = options.schema ? { schema: options.schema } : {};
  const primary = drizzle({ client: primaryPool, ...config }) as NodePgDatabase<Schema>;
  const replica = replicaPool
    ? (drizzle({ client: replicaPool, ...config }) as NodePgDatabase<Schema>)
    : primary;
  return {
    primary,
    replica,
    ping: async () => {
      await primary.execute(sql`select 1`);
      if (replica !== primary) await replica.execute(sql`select 1`);
    },
    close: async () => {
      await Promise.all([primaryPool.end(), replicaPool?.end()]);
    },
  };
}

const retryableCodes = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** The SQLSTATE of a Postgres error (e.g. `23505` unique violation), looking through drizzle's wrapping. */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface TransactionOptions extends PgTransactionConfig {
  /** Retries after a serialization failure or deadlock (the whole callback runs again). @default 3 */
  readonly retries?: number;
}

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all. Serialization
 * failures and deadlocks are retried, so `work` must have no side effects outside the database.
 */
export async function withTransaction<Schema extends Record<string, unknown>, T>(
  db: NodePgDatabase<Schema>,
  work: (tx: Parameters<Parameters<NodePgDatabase<Schema>['transaction']>[0]>[0]) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { retries = 3, ...config } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(work, config);
    } catch (error) {
      const code = sqlStateOf(error);
      if (attempt >= retries || !code || !retryableCodes.has(code)) throw error;
    }
  }
}
