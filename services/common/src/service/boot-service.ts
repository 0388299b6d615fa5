import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { databaseEnv, serviceEnv } from '../config/env-schemas.js';
import { loadConfig } from '../config/load-config.js';
import { createDatabase, type Database } from '../db/database.js';
import { runMigrations } from '../db/migrate.js';
import { type RunningServer, type StartServerOptions, startServer } from '../http/start-server.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { initTracing, type Tracing } from '../tracing/tracing.js';

/** What every service's config has: the variables of `serviceEnv(port)`. */
export type ServiceConfig = z.output<z.ZodObject<ReturnType<typeof serviceEnv>>>;
/** The variables of `databaseEnv`. */
export type DatabaseConfig = z.output<z.ZodObject<typeof databaseEnv>>;

export interface BootServiceOptions<Schema extends z.ZodType<ServiceConfig>> {
  /** The service name on every log line, span and client id, e.g. `ticket-service`. */
  readonly name: string;
  readonly configSchema: Schema;
  /** @default process.env */
  readonly env?: Record<string, string | undefined>;
}

export interface ServeOptions
  extends Omit<StartServerOptions, 'port' | 'hostname' | 'logger' | 'onShutdown'>,
    Partial<Pick<StartServerOptions, 'port' | 'hostname'>> {
  /**
   * Closes the service's clients after the last request finished, one after another in this order: stop
   * what writes through a client (consumers, relays, jobs) before closing the client. Tracing is flushed
   * after the last one.
   */
  readonly close?: readonly (() => unknown)[];
}

export interface BootedService<Config extends ServiceConfig> {
  readonly name: string;
  readonly config: Config;
  readonly logger: Logger;
  readonly tracing: Tracing;
  /** `startServer` on the config's HOST and PORT, with this service's logger and shutdown order. */
  readonly serve: (options: ServeOptions) => Promise<RunningServer>;
}

/**
 * The first lines of every `main.ts`: parse the config (a `ConfigError` names every bad variable), start
 * tracing before anything makes a span, then the logger.
 */
export function bootService<Schema extends z.ZodType<ServiceConfig>>(
  options: BootServiceOptions<Schema>,
): BootedService<z.output<Schema>> {
  const { name } = options;
  const config = loadConfig(options.configSchema, options.env);
  const tracing = initTracing({ serviceName: name, zipkinUrl: config.ZIPKIN_URL });
  const logger = createLogger({ service: name, level: config.LOG_LEVEL });
  const serve = ({ close = [], port = config.PORT, hostname = config.HOST, ...server }: ServeOptions) =>
    startServer({
      ...server,
      port,
      hostname,
      logger,
      onShutdown: async () => {
        for (const step of close) await step();
        await tracing.shutdown();
      },
    });
  return { name, config, logger, tracing, serve };
}

export interface OpenServiceDatabaseOptions<Schema extends Record<string, unknown>> {
  readonly config: DatabaseConfig;
  /** The service's drizzle schema (`import * as schema from './db/schema.js'`). */
  readonly schema: Schema;
  /** The drizzle-kit output folder: `new URL('../db/migrations', import.meta.url)` from `src/main.ts`. */
  readonly migrationsFolder: URL | string;
  readonly logger: Logger;
}

/** Applies the service's pending migrations (under common's advisory lock), then opens its pools. */
export async function openServiceDatabase<Schema extends Record<string, unknown>>(
  options: OpenServiceDatabaseOptions<Schema>,
): Promise<Database<Schema>> {
  const { config, migrationsFolder } = options;
  await runMigrations({
    url: config.DATABASE_URL,
    migrationsFolder: migrationsFolder instanceof URL ? fileURLToPath(migrationsFolder) : migrationsFolder,
  });
  return createDatabase({
    primaryUrl: config.DATABASE_URL,
    replicaUrl: config.DATABASE_REPLICA_URL,
    poolMax: config.DATABASE_POOL_MAX,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    schema: options.schema,
    logger: options.logger,
  });
}
