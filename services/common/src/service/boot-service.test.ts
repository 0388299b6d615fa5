import { randomBytes } from 'node:crypto';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import journal from '../../db/migrations/meta/_journal.json' with { type: 'json' };
import { databaseEnv, secret, serviceEnv } from '../config/env-schemas.js';
import { ConfigError } from '../config/load-config.js';
import { createServiceApp } from '../http/create-service-app.js';
import { outbox } from '../kafka/outbox-schema.js';
import { bootService, openServiceDatabase } from './boot-service.js';

const configSchema = z.object({ ...serviceEnv(3999), ...databaseEnv, SHOP_SECRET: secret('SHOP_SECRET') });
const databaseUrl = localStackEndpoints().postgresUrl('ticket_db');
const env = { LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, SHOP_SECRET: randomBytes(24).toString('hex') };

describe('bootService', () => {
  it('parses the config once and names every variable that is missing', () => {
    const service = bootService({ name: 'shop-service', configSchema, env });
    expect(service.config).toMatchObject({ PORT: 3999, HOST: '127.0.0.1', DATABASE_POOL_MAX: 10 });
    expect(service.logger.bindings()).toMatchObject({ service: 'shop-service' });

    const failed = (() => {
      try {
        bootService({ name: 'shop-service', configSchema, env: { PORT: 'eighty' } });
      } catch (error) {
        return error;
      }
    })();
    expect(failed).toBeInstanceOf(ConfigError);
    expect((failed as ConfigError).problems.map((problem) => problem.variable)).toEqual([
      'PORT',
      'DATABASE_URL',
      'SHOP_SECRET',
    ]);
  });

  it('serves until shutdown, then closes the clients in the given order and flushes tracing last', async () => {
    const service = bootService({ name: 'shop-service', configSchema, env });
    const closed: string[] = [];
    vi.spyOn(service.tracing, 'shutdown').mockImplementation(async () => {
      closed.push('tracing');
    });
    const app = createServiceApp({ name: service.name, logger: service.logger, defaultMetrics: false });
    const server = await service.serve({
      app,
      port: 0,
      handleSignals: false,
      close: [
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          closed.push('consumer');
        },
        () => closed.push('database'),
      ],
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect(closed).toEqual([]);

    await server.shutdown();
    expect(closed).toEqual(['consumer', 'database', 'tracing']);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});

describe('openServiceDatabase', () => {
  it('migrates a fresh database before handing out its pools', async () => {
    const name = `common_boot_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    try {
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      const service = bootService({
        name: 'shop-service',
        configSchema,
        env: { ...env, DATABASE_URL: url.href },
      });
      const db = await openServiceDatabase({
        config: service.config,
        schema: { outbox },
        migrationsFolder: new URL('../../db/migrations', import.meta.url),
        logger: service.logger,
      });
      try {
        await db.ping();
        expect(await db.primary.select().from(outbox)).toEqual([]);
        const applied = await db.primary.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        expect(applied.rows).toEqual([{ n: journal.entries.length }]);
      } finally {
        await db.close();
      }
    } finally {
      await adminQuery(`drop database ${name} with (force)`);
    }
  });
});

async function adminQuery(statement: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
