import { type DriverValueEncoder, is, Param, Placeholder, sql } from 'drizzle-orm';
import type { DbClient } from './database.js';

/** A drizzle query builder that can be prepared: select, insert, update and delete builders all can. */
interface Preparable {
  prepare(name?: string): unknown;
}

/** drizzle's node-postgres prepared query: its SQL text and parameters are built; `client` runs it. */
interface BuiltQuery<Result> {
  readonly client: unknown;
  readonly params: readonly unknown[];
  execute(values: Readonly<Record<string, unknown>>): Promise<Result>;
}

/** What a drizzle handle runs its statements on: the pool for a database, the connection for a transaction. */
function connectionOf(db: DbClient): unknown {
  const client = (db as unknown as { readonly session?: { readonly client?: unknown } }).session?.client;
  if (!client)
    throw new Error(
      'a kept statement found no node-postgres session on this drizzle handle (drizzle changed?)',
    );
  return client;
}

/**
 * drizzle sends a null value as null without its column's mapping, but maps a placeholder's value
 * whatever it is, and a timestamp's mapping fails on null: a kept statement passes null and undefined
 * through (to the server as null) as a built one does.
 */
function passNullsThrough(params: readonly unknown[]) {
  for (const param of params) {
    if (!is(param, Param) || !is(param.value, Placeholder)) continue;
    const encoder: DriverValueEncoder<unknown, unknown> = param.encoder;
    (param as { encoder: DriverValueEncoder<unknown, unknown> }).encoder = {
      mapToDriverValue: (value: unknown) =>
        value === null || value === undefined ? value : encoder.mapToDriverValue(value),
    };
  }
}

/**
 * A statement that drizzle builds once, with `sql.placeholder` in place of its values, and that then
 * runs with each call's values (a missing one is refused) on whatever handle the call gives: the pool,
 * or the connection of a transaction (docs/adr/0065-statements-built-once.md). Building a query's SQL
 * costs drizzle as much CPU as the rest of a small statement's round trip. Whether the statement goes to
 * the server named is the pool's choice, as for every other statement (docs/adr/0057-prepared-statements.md).
 *
 * ```ts
 * const reservationById = keptStatement((db) =>
 *   db.select().from(reservations).where(eq(reservations.id, sql.placeholder('id'))),
 * );
 * const [row] = await reservationById(tx, { id });
 * ```
 */
export function keptStatement<Result>(
  build: (db: DbClient) => Preparable & PromiseLike<Result>,
): (db: DbClient, values: Readonly<Record<string, unknown>>) => Promise<Result> {
  let built: BuiltQuery<Result> | undefined;
  return (db, values) => {
    const client = connectionOf(db);
    if (!built) {
      built = build(db).prepare() as BuiltQuery<Result>;
      if (!('client' in built)) throw new Error('a kept statement needs a node-postgres drizzle handle');
      passNullsThrough(built.params);
    }
    const bound: BuiltQuery<Result> =
      built.client === client ? built : Object.create(built, { client: { value: client } });
    return bound.execute(values);
  };
}

/**
 * A placeholder where drizzle's types want a column's value (an update's `set`): drizzle wraps it in the
 * column's parameter at build time, so the column's mapping (a Date, JSON) applies to each call's value.
 */
export function placeholderValue<Value>(name: string): Value {
  return sql.placeholder(name) as unknown as Value;
}
