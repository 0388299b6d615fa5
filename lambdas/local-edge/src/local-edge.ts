import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createUpstreamPool } from '@urr/common/http/upstream-pool';
import { createLogger } from '@urr/common/logging/logger';
import { parseRetiredKeys } from '@urr/common/tokens/vwr-token';
import { createCounterAdvancer } from '@urr/counter-advancer/handler';
import { createEdgeAuthHandler } from '@urr/edge-auth/edge-auth';
import { bundledEdgeKeys, type EdgeConfigFile } from '@urr/edge-auth/edge-keys';
import { createVwrApiDeps } from '@urr/vwr-api/deps';
import { checkAnswer, vwrApiRoutes } from '@urr/vwr-api/routes';
import { loadCloudFrontFunction, staticRoot } from '@urr/vwr-rewrite/load-function';
import { dynamoOptionsOf, tablesOf } from '@urr/vwr-shared/config';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { PositionsStore } from '@urr/vwr-shared/positions-store';
import { ensureWaitingRoomTables } from '@urr/vwr-shared/tables';
import { createEdgeApp } from './app.js';
import type { LocalEdgeConfig } from './config.js';
import { directCheck } from './direct-check.js';
import { inFlightLimit } from './in-flight-limit.js';
import { every } from './schedule.js';

export interface LocalEdge {
  readonly url: string;
  close(): Promise<void>;
}

const advancerEveryMs = 60_000;

/** Writes edge-auth's key file the way the deploy step writes it into the Lambda@Edge bundle. */
async function writeEdgeConfig(config: LocalEdgeConfig): Promise<URL> {
  const file: EdgeConfigFile = {
    vwrToken: {
      currentKid: config.VWR_TOKEN_KID,
      keys: {
        ...parseRetiredKeys(config.VWR_TOKEN_RETIRED_KEYS),
        [config.VWR_TOKEN_KID]: config.VWR_TOKEN_SECRET,
      },
    },
    entryTokenSecret: config.ENTRY_TOKEN_SECRET,
  };
  await mkdir(config.EDGE_STATE_DIR, { recursive: true, mode: 0o700 });
  const path = join(config.EDGE_STATE_DIR, `edge-auth.config.${process.pid}.json`);
  await writeFile(path, JSON.stringify(file), { mode: 0o600 });
  await chmod(path, 0o600);
  return pathToFileURL(path);
}

/** Creates the tables (if missing), wires the handlers and listens; the advancer runs once a minute. */
export async function startLocalEdge(config: LocalEdgeConfig): Promise<LocalEdge> {
  const logger = createLogger({ service: 'local-edge', level: config.LOG_LEVEL });
  const dynamo = createDynamoClient(dynamoOptionsOf(config));
  const tables = tablesOf(config);
  await ensureWaitingRoomTables(dynamo, tables);

  const deps = createVwrApiDeps(config, dynamo);
  const origins = createUpstreamPool({ maxSocketsPerUpstream: 256 });
  const app = createEdgeApp({
    vwrApiRoutes: vwrApiRoutes.map(({ routeKey, route }) => ({ routeKey, handler: route(() => deps) })),
    edgeAuth: createEdgeAuthHandler({ loadKeys: bundledEdgeKeys(await writeEdgeConfig(config)) }),
    vwrRewrite: loadCloudFrontFunction(),
    staticRoot,
    gatewayUrl: config.GATEWAY_URL,
    frontendUrl: config.FRONTEND_URL,
    origins,
  });

  // Closing the edge ends a run mid-sleep instead of letting it tick against closed clients.
  const closing = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const abort = () => {
        clearTimeout(timer);
        reject(closing.signal.reason);
      };
      const timer = setTimeout(() => {
        closing.signal.removeEventListener('abort', abort);
        resolve();
      }, ms);
      closing.signal.addEventListener('abort', abort, { once: true });
    });
  // The advancer has a DynamoDB client (and connection pool) of its own, as the counter-advancer Lambda
  // has in AWS: an opening's burst of fans' calls queued in the edge's client never holds up an advance.
  const advancerDynamo = createDynamoClient(dynamoOptionsOf(config));
  const stopAdvancer = config.EDGE_RUN_ADVANCER
    ? every(
        advancerEveryMs,
        createCounterAdvancer({
          stores: {
            counters: new CountersStore(advancerDynamo, tables),
            positions: new PositionsStore(advancerDynamo, tables),
          },
          logger,
          cycles: {
            cycles: 6,
            cycleMs: 10_000,
            sleep,
          },
        }),
        (error) => {
          if (!closing.signal.aborted) logger.error({ err: error }, 'counter-advancer run failed');
        },
      )
    : () => {};

  const routes = getRequestListener(
    // The viewer's address, as CloudFront knows it: the peer of the connection.
    (request, env) =>
      app.fetch(request, {
        clientIp: env.incoming.socket?.remoteAddress ?? '127.0.0.1',
        requestHeaders: env.incoming.headers,
        incoming: env.incoming,
        outgoing: env.outgoing as ServerResponse,
      }),
    { hostname: config.HOST },
  );
  const check = directCheck(
    checkAnswer(() => deps),
    logger,
  );
  const vwrApiCalls = inFlightLimit(config.EDGE_VWR_API_MAX_IN_FLIGHT, 2);
  const server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith('/vwr-api/') && !vwrApiCalls.admit(outgoing)) return;
    if (!check(incoming, outgoing)) void routes(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(config.EDGE_PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url, gateway: config.GATEWAY_URL, frontend: config.FRONTEND_URL }, 'local edge listening');
  return {
    url,
    async close() {
      closing.abort(new Error('local edge closing'));
      stopAdvancer();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      origins.close();
      dynamo.destroy();
      advancerDynamo.destroy();
    },
  };
}
