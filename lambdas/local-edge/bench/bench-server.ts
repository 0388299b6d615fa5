import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { startTestAccessTokenIssuer } from '@urr/common/testing/access-token-issuer';
import { advanceEvent } from '@urr/counter-advancer/advance-event';
import { applyLocalStackEnv } from '@urr/local-stack/stack-env';
import { writeRoomSettings } from '@urr/vwr-api/test-support';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { PositionsStore } from '@urr/vwr-shared/positions-store';
import { solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { dropWaitingRoomTables } from '@urr/vwr-shared/tables';
import { Hono } from 'hono';
import { localEdgeEnvSchema } from '../src/config.js';
import { startLocalEdge } from '../src/local-edge.js';

/**
 * The bench's server process: the local edge (the check route answered from node's request, docs/adr/0043)
 * and a bare hono route on the same HTTP stack, each on a loopback port of its own. Prints where they are
 * and the cookies of two waiting visitors (one who came in order, one from a sealed pre-queue) as one JSON
 * line, then serves until stopped; each line read on stdin is
 * answered with the process's CPU time so far (`{"cpuMicros":…}`).
 */
applyLocalStackEnv();
const suffix = `${process.pid}-${Date.now()}`;
const eventId = `bench-${suffix}`;
const preQueueEventId = `bench-pre-${suffix}`;
const auth = await startTestAccessTokenIssuer();
const config = localEdgeEnvSchema.parse({
  ...process.env,
  EDGE_PORT: '0',
  VWR_TOKEN_SECRET: randomBytes(32).toString('hex'),
  ENTRY_TOKEN_SECRET: randomBytes(32).toString('hex'),
  VWR_COUNTERS_TABLE: `bench-counters-${suffix}`,
  VWR_POSITIONS_TABLE: `bench-positions-${suffix}`,
  EDGE_RUN_ADVANCER: 'false',
  EDGE_STATE_DIR: join(tmpdir(), `urr-edge-bench-${suffix}`),
  LOG_LEVEL: 'warn',
  AUTH_JWKS_URL: auth.jwksUrl,
});
const edge = await startLocalEdge(config);
const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL });
const tables = { countersTable: config.VWR_COUNTERS_TABLE, positionsTable: config.VWR_POSITIONS_TABLE };
await writeRoomSettings(dynamo, tables, eventId, { active: true, admitStep: 500 });

/** A signed-in fan who solves the door's challenge and joins, as the waiting page does (docs/adr/0007, 0008). */
async function joinSale(sale: string): Promise<{ cookie: string; assigned: { status: string } }> {
  const signedIn = { cookie: `urr-access-token=${await auth.sign()}` };
  const issued = (await (
    await fetch(`${edge.url}/vwr-api/vwr/challenge/${sale}`, { headers: signedIn })
  ).json()) as { challenge: string; difficulty: number };
  const assign = await fetch(`${edge.url}/vwr-api/vwr/assign/${sale}`, {
    method: 'POST',
    headers: { ...signedIn, 'content-type': 'application/json' },
    body: JSON.stringify({
      challenge: issued.challenge,
      solution: solveChallenge(issued.challenge, issued.difficulty),
    }),
  });
  return {
    cookie: assign.headers.getSetCookie()[0]!.split(';')[0]!,
    assigned: (await assign.json()) as { status: string },
  };
}
const visitor = await joinSale(eventId);

/**
 * A fan from the pre-queue of a sale that has opened: a few fans join before the opening, the advancer seals
 * and shuffles the pre-queue and lets one position in, and the bench polls as a fan still waiting.
 */
async function preQueueHolder(): Promise<{ cookie: string; position: number }> {
  const opensAt = Date.now() + 5_000;
  await writeRoomSettings(dynamo, tables, preQueueEventId, {
    active: true,
    admitStep: 1,
    opensAt: new Date(opensAt).toISOString(),
  });
  const fans: { cookie: string }[] = [];
  for (let fan = 0; fan < 4; fan += 1) {
    const joined = await joinSale(preQueueEventId);
    if (joined.assigned.status !== 'pre-queue')
      throw new Error(`a fan joining before the opening was ${joined.assigned.status}`);
    fans.push(joined);
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, opensAt - Date.now()) + 100));
  const stores = {
    counters: new CountersStore(dynamo, tables),
    positions: new PositionsStore(dynamo, tables),
  };
  await advanceEvent(stores, preQueueEventId, Date.now());
  await new Promise((resolve) => setTimeout(resolve, config.VWR_COUNTERS_CACHE_MS + 100));
  for (const fan of fans) {
    const check = await fetch(`${edge.url}/vwr-api/vwr/check/${preQueueEventId}`, {
      headers: { cookie: fan.cookie },
    });
    const body = (await check.json()) as { status: string; position: number | null };
    if (body.status === 'waiting' && body.position !== null)
      return { cookie: fan.cookie, position: body.position };
  }
  throw new Error('no pre-queue fan is still waiting after the seal');
}
const preQueue = await preQueueHolder();

const bare = new Hono().get('/', (c) => c.json({ status: 'ok' }));
const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const listening = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
});

console.log(
  JSON.stringify({
    checkUrl: `${edge.url}/vwr-api/vwr/check/${eventId}`,
    bareUrl: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`,
    cookie: visitor.cookie,
    assigned: visitor.assigned,
    preQueueCheckUrl: `${edge.url}/vwr-api/vwr/check/${preQueueEventId}`,
    preQueueCookie: preQueue.cookie,
    preQueuePosition: preQueue.position,
  }),
);
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system }));
});
/** The bench's tables go with it. */
async function dropTables() {
  await dropWaitingRoomTables(dynamo, tables);
  dynamo.destroy();
}
process.once('SIGTERM', () => {
  bareServer.close();
  void auth.close();
  edge
    .close()
    .then(dropTables)
    .finally(() => process.exit(0));
});
