import { randomBytes } from 'node:crypto';
import {
  createLogger,
  createRedis,
  loadConfig,
  quitRedis,
  type RunningServer,
  startServer,
} from '@urr/common';
import { freePort } from '@urr/common/testing/free-port';
import { createApp } from '../app.js';
import { type Config, configSchema } from '../config.js';
import { gatewayContext } from '../context.js';
import type { ServiceName } from '../domain/route-table.js';

const urlVariables: Record<ServiceName, string> = {
  auth: 'AUTH_URL',
  ticket: 'TICKET_URL',
  payment: 'PAYMENT_URL',
  stats: 'STATS_URL',
  queue: 'QUEUE_URL',
  community: 'COMMUNITY_URL',
  catalog: 'CATALOG_URL',
};

export interface TestGateway {
  readonly url: string;
  readonly config: Config;
  readonly server: RunningServer;
  readonly close: () => Promise<void>;
}

/**
 * gateway-service as `main.ts` wires it, on a random loopback port, against the local stack's Redis.
 * Services not in `upstreams` point at a closed port (down). It trusts one proxy hop, so tests play many
 * clients by setting X-Forwarded-For.
 */
export async function startTestGateway(options: {
  readonly upstreams: Partial<Record<ServiceName, string>>;
  readonly env?: Record<string, string>;
}): Promise<TestGateway> {
  const closedPort = await freePort();
  const env: Record<string, string> = {
    REDIS_URL: process.env.REDIS_URL!,
    ENTRY_TOKEN_SECRET: randomBytes(32).toString('hex'),
    TRUSTED_PROXY_HOPS: '1',
    LOG_LEVEL: 'silent',
  };
  for (const [service, variable] of Object.entries(urlVariables))
    env[variable] = options.upstreams[service as ServiceName] ?? `http://127.0.0.1:${closedPort}`;
  const config = loadConfig(configSchema, { ...env, ...options.env });
  const logger = createLogger({ service: 'gateway-service', level: config.LOG_LEVEL });
  const redis = createRedis({ url: config.REDIS_URL, name: 'gateway-test', logger });
  const context = gatewayContext({ config, logger, redis });
  const app = createApp(context);
  const server = await startServer({
    app,
    port: 0,
    logger,
    handleSignals: false,
    onShutdown: async () => {
      context.upstreamPool.close();
      await quitRedis(redis);
    },
  });
  return { url: server.url, config, server, close: server.shutdown };
}
