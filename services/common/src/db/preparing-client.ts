import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A connection names at most this many statements; texts beyond go out unnamed as before, so SQL built
 * with varying text cannot grow a server session without bound.
 */
export const maxNamedStatementsPerConnection = 500;

const namesByText = new Map<string, string>();
/** Texts whose names are kept, for all connections of the process; a text beyond is hashed each time. */
const maxKeptNames = 2000;

/** A statement's name on the server: the same for the same SQL text, within PostgreSQL's 63 bytes. */
export function statementNameOf(text: string): string {
  const kept = namesByText.get(text);
  if (kept) return kept;
  const name = `urr_${createHash('sha1').update(text).digest('base64url')}`;
  if (namesByText.size < maxKeptNames) namesByText.set(text, name);
  return name;
}

interface QueryConfigShape {
  readonly text?: unknown;
  readonly name?: unknown;
  readonly submit?: unknown;
}

/**
 * A pg client that sends each parameterised statement as a named one, so the server parses it once per
 * connection and may keep its plan (docs/adr/0057-prepared-statements.md). Only statements given as a
 * config object with a text are named (drizzle sends all of its so); plain strings such as `begin`,
 * statements already named and query objects pass as they are.
 */
export class PreparingClient extends pg.Client {
  readonly #named = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this only adds a name
  override query(config: any, ...rest: any[]): any {
    return (super.query as (...args: unknown[]) => unknown)(this.#withName(config), ...rest);
  }

  #withName(config: unknown): unknown {
    const shape = config as QueryConfigShape | null;
    if (!shape || typeof shape !== 'object' || typeof shape.text !== 'string' || shape.name || shape.submit)
      return config;
    const name = statementNameOf(shape.text);
    if (!this.#named.has(name)) {
      if (this.#named.size >= maxNamedStatementsPerConnection) return config;
      this.#named.add(name);
    }
    return { ...shape, name };
  }
}
