import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { startTestAccessTokenIssuer } from '@urr/common/testing/access-token-issuer';
import { applyLocalStackEnv } from '@urr/local-stack/stack-env';
import { writeRoomSettings } from '@urr/vwr-api/test-support';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { Hono } from 'hono';
import { localEdgeEnvSchema } from '../src/config.js';
import { startLocalEdge } from '../src/local-edge.js';

/**
 * The bench's server process: the local edge (the check route answered from node's request, docs/adr/0043)
 * and a bare hono route on the same HTTP stack, each on a loopback port of its own. Prints where they are
 * and a waiting visitor's cookie as one JSON line, then serves until stopped; each line read on stdin is
 * answered with the process's CPU time so far (`{"cpuMicros":…}`).
 */
applyLocalStackEnv();
const suffix = `${process.pid}-${Date.now()}`;
const eventId = `bench-${suffix}`;
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
await writeRoomSettings(
  dynamo,
  { countersTable: config.VWR_COUNTERS_TABLE, positionsTable: config.VWR_POSITIONS_TABLE },
  eventId,
  { active: true, admitStep: 500 },
);
dynamo.destroy();

// A signed-in fan who solved the door's challenge, as the waiting page does (docs/adr/0007, 0008).
const signedIn = { cookie: `urr-access-token=${await auth.sign()}` };
const issued = (await (
  await fetch(`${edge.url}/vwr-api/vwr/challenge/${eventId}`, { headers: signedIn })
).json()) as {
  challenge: string;
  difficulty: number;
};
const assign = await fetch(`${edge.url}/vwr-api/vwr/assign/${eventId}`, {
  method: 'POST',
  headers: { ...signedIn, 'content-type': 'application/json' },
  body: JSON.stringify({
    challenge: issued.challenge,
    solution: solveChallenge(issued.challenge, issued.difficulty),
  }),
});
const ticketCookie = assign.headers.getSetCookie()[0]!.split(';')[0]!;

const bare = new Hono().get('/', (c) => c.json({ status: 'ok' }));
const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const listening = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(listening));
});

console.log(
  JSON.stringify({
    checkUrl: `${edge.url}/vwr-api/vwr/check/${eventId}`,
    bareUrl: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`,
    cookie: ticketCookie,
    assigned: await assign.json(),
  }),
);
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system }));
});
process.once('SIGTERM', () => {
  bareServer.close();
  void auth.close();
  edge.close().finally(() => process.exit(0));
});
