import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startTestAccessTokenIssuer,
  type TestAccessTokenIssuer,
} from '@urr/common/testing/access-token-issuer';
import { signEntryToken } from '@urr/common/tokens/entry-token';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { createVwrApiDeps } from '@urr/vwr-api/deps';
import { httpApiEvent } from '@urr/vwr-api/http-api-event';
import { checkRoute } from '@urr/vwr-api/routes';
import { writeRoomSettings } from '@urr/vwr-api/test-support';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalEdgeConfig, localEdgeEnvSchema } from './config.js';
import { type LocalEdge, startLocalEdge } from './local-edge.js';

/** Stands in for the gateway and the frontend (upstreams of the edge, not what is tested): says who answered. */
async function fakeOrigin(name: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        origin: name,
        method: request.method,
        url: request.url,
        forwardedFor: request.headers['x-forwarded-for'],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const vwrSecret = randomBytes(32).toString('hex');
const entrySecret = randomBytes(32).toString('hex');
const keyring = VwrTokenKeyring.of('k1', { k1: vwrSecret });
const eventId = `edge-${Date.now()}`;
/** A busy sale: nobody is let in until the counter advances, so its visitors wait. */
const busyEventId = `edge-busy-${Date.now()}`;
const suffix = `${process.pid}-${Date.now()}`;

let edge: LocalEdge;
let edgeConfig: LocalEdgeConfig;
let auth: TestAccessTokenIssuer;
let gateway: Awaited<ReturnType<typeof fakeOrigin>>;
let frontend: Awaited<ReturnType<typeof fakeOrigin>>;

beforeAll(async () => {
  gateway = await fakeOrigin('gateway');
  frontend = await fakeOrigin('frontend');
  auth = await startTestAccessTokenIssuer();
  const config = localEdgeEnvSchema.parse({
    ...process.env,
    EDGE_PORT: '0',
    GATEWAY_URL: gateway.url,
    FRONTEND_URL: frontend.url,
    VWR_TOKEN_SECRET: vwrSecret,
    ENTRY_TOKEN_SECRET: entrySecret,
    VWR_COUNTERS_TABLE: `edge-counters-${suffix}`,
    VWR_POSITIONS_TABLE: `edge-positions-${suffix}`,
    EDGE_RUN_ADVANCER: 'false',
    EDGE_STATE_DIR: join(tmpdir(), `urr-edge-test-${suffix}`),
    LOG_LEVEL: 'silent',
    AUTH_JWKS_URL: auth.jwksUrl,
  });
  edgeConfig = config;
  edge = await startLocalEdge(config);
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.AWS_ENDPOINT_URL });
  await writeRoomSettings(
    dynamo,
    { countersTable: config.VWR_COUNTERS_TABLE, positionsTable: config.VWR_POSITIONS_TABLE },
    eventId,
    { active: false },
  );
  await writeRoomSettings(
    dynamo,
    { countersTable: config.VWR_COUNTERS_TABLE, positionsTable: config.VWR_POSITIONS_TABLE },
    busyEventId,
    { active: true, admitStep: 500 },
  );
  dynamo.destroy();
});
afterAll(async () => {
  await edge?.close();
  gateway?.server.close();
  frontend?.server.close();
  await auth?.close();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${edge.url}${path}`, { method, headers, redirect: 'manual' });
const forEvent = (cookie?: string, event = eventId) => ({
  'x-event-id': event,
  ...(cookie ? { cookie } : {}),
});
const vwrCookie = async (options: { event?: string; issuedAt?: Date; ring?: VwrTokenKeyring } = {}) =>
  `urr-vwr-token=${await signVwrToken({ eventId: options.event ?? eventId, subject: 'slot', userId: 'account-1' }, options.ring ?? keyring, options.issuedAt)}`;
/** An entry pass issued `ageSeconds` ago (now, unless given). */
const entryCookie = async (ageSeconds = 0) =>
  `urr-entry-token=${await signEntryToken({ userId: 'user-1', eventId, slot: '1' }, entrySecret, new Date(Date.now() - ageSeconds * 1000))}`;

describe('edge-auth through the local edge', () => {
  it('sends a request without the Tier-1 cookie to the static waiting page of its event', async () => {
    const response = await get('/api/v1/seats/reserve', forEvent(), 'POST');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/vwr/${eventId}`);
    const viaQuery = await get(`/api/v1/community/posts?eventId=${eventId}`);
    expect(viaQuery.status).toBe(302);
    expect(new URL(viaQuery.headers.get('location')!, edge.url).pathname).toBe(`/vwr/${eventId}`);
  });

  it.each([
    ['forged', () => vwrCookie({ ring: VwrTokenKeyring.of('k1', { k1: randomBytes(32).toString('hex') }) })],
    ['expired', () => vwrCookie({ issuedAt: new Date(Date.now() - 601_000) })],
    ['other-event', () => vwrCookie({ event: 'another-event' })],
    ['unknown-kid', () => vwrCookie({ ring: VwrTokenKeyring.of('k9', { k9: vwrSecret }) })],
  ])('sends a request with a %s Tier-1 token back to the waiting page', async (_case, cookie) => {
    const response = await get('/api/v1/community/posts', forEvent(await cookie()));
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!, edge.url).pathname).toBe(`/vwr/${eventId}`);
  });

  it.each([
    '/api/v1/events/123',
    '/api/v1/auth/login',
    '/api/v1/queue/abc/status',
    '/api/v1/stats/overview',
    '/api/auth/login',
  ])('lets the exempt path %s through without tokens', async (path) => {
    const response = await get(path, forEvent());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ origin: 'gateway', url: path });
  });

  it('lets a Tier-1 holder reach other APIs, but sends booking writes without an entry token to the queue', async () => {
    const tier1 = await vwrCookie();
    const community = await get('/api/v1/community/posts', forEvent(tier1));
    expect(await community.json()).toMatchObject({ origin: 'gateway' });
    for (const path of ['/api/v1/seats/reserve', '/api/v1/reservations', '/api/payments/p1/confirm']) {
      const response = await get(path, forEvent(tier1), 'POST');
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/queue/${eventId}`);
    }
    // Cancelling a reservation needs no queue pass (docs/adr/0009).
    expect((await get('/api/reservations/1/cancel', forEvent(tier1), 'POST')).status).toBe(200);
    const withEntry = await get(
      '/api/v1/seats/reserve',
      forEvent(`${tier1}; ${await entryCookie()}`),
      'POST',
    );
    expect(await withEntry.json()).toMatchObject({
      origin: 'gateway',
      method: 'POST',
      url: '/api/v1/seats/reserve',
    });
  });

  it('holds the queue entry of the sale its path names, whatever headers the client leaves out', async () => {
    const bare = await get(`/api/v1/queue/${eventId}/enter`, {}, 'POST');
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe(`/vwr/${eventId}`);
    const otherSale = await get(
      `/api/v1/queue/${eventId}/enter`,
      { cookie: await vwrCookie({ event: 'other' }) },
      'POST',
    );
    expect(otherSale.headers.get('location')).toBe(`/vwr/${eventId}`);
    const aliased = await get(`/api/queue/${eventId}/enter`, {}, 'POST');
    expect(aliased.status).toBe(302);
    const held = await get(`/api/v1/queue/${eventId}/enter`, { cookie: await vwrCookie() }, 'POST');
    expect(await held.json()).toMatchObject({ origin: 'gateway', url: `/api/v1/queue/${eventId}/enter` });
  });

  it('refuses a booking write that carries no entry pass, even when it names no sale', async () => {
    const bare = await get('/api/v1/seats/reserve', {}, 'POST');
    expect(bare.status).toBe(403);
    const forged = await get('/api/v1/reservations', { cookie: 'urr-entry-token=forged' }, 'POST');
    expect(forged.status).toBe(403);
    const expiredEntry = await get(
      '/api/v1/seats/reserve',
      forEvent(`${await vwrCookie()}; ${await entryCookie(601)}`),
      'POST',
    );
    expect(expiredEntry.headers.get('location')).toBe(`/queue/${eventId}`);
    const both = await get(
      '/api/v1/seats/reserve',
      { cookie: `${await vwrCookie()}; ${await entryCookie()}` },
      'POST',
    );
    expect(await both.json()).toMatchObject({ origin: 'gateway' });
  });

  it('lets a valid entry pass book after a Tier-2 wait longer than the Tier-1 pass lives', async () => {
    // The entry pass was issued on entering the queue, which took the Tier-1 pass (docs/adr/0009).
    const lapsedTier1 = await vwrCookie({ issuedAt: new Date(Date.now() - 900_000) });
    const response = await get(
      '/api/v1/payments/p1/confirm',
      { cookie: `${lapsedTier1}; ${await entryCookie()}` },
      'POST',
    );
    expect(await response.json()).toMatchObject({ origin: 'gateway', url: '/api/v1/payments/p1/confirm' });
    const entryOnly = await get('/api/v1/seats/reserve', { cookie: await entryCookie() }, 'POST');
    expect(await entryOnly.json()).toMatchObject({ origin: 'gateway' });
  });

  it('judges a path by where it really goes, not by an exempt prefix in front of ..', async () => {
    // fetch would resolve the dots itself; a raw request sends them as a hostile client would.
    const { status, location } = await new Promise<{ status?: number; location?: string }>(
      (resolve, reject) => {
        const url = new URL(edge.url);
        request(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/api/v1/events/%2e%2e/seats/reserve',
            headers: { 'x-event-id': eventId },
          },
          (response) => {
            response.resume();
            resolve({ status: response.statusCode, location: response.headers.location });
          },
        )
          .on('error', reject)
          .end();
      },
    );
    expect(status).toBe(302);
    expect(location).toBe(`/vwr/${eventId}`);
  });
});

/** A signed-in fan who solves the door's challenge and joins `sale` through the edge, as the waiting page does. */
async function joinSale(sale: string): Promise<Response> {
  const signedIn = { cookie: `urr-access-token=${await auth.sign()}` };
  const issued = (await (await get(`/vwr-api/vwr/challenge/${sale}`, signedIn)).json()) as {
    challenge: string;
    difficulty: number;
  };
  return fetch(`${edge.url}/vwr-api/vwr/assign/${sale}`, {
    method: 'POST',
    headers: { ...signedIn, 'content-type': 'application/json' },
    body: JSON.stringify({
      challenge: issued.challenge,
      solution: solveChallenge(issued.challenge, issued.difficulty),
    }),
    redirect: 'manual',
  });
}

describe('the check path through the local edge', () => {
  const ticketName = `urr-vwr-ticket-${busyEventId}`;
  const checkPath = `/vwr-api/vwr/check/${busyEventId}`;
  let ticket: string;
  let position: number;
  beforeAll(async () => {
    const assign = await joinSale(busyEventId);
    const body = (await assign.json()) as { status: string; position: number };
    expect(body.status).toBe('waiting');
    position = body.position;
    const cookie = assign.headers.getSetCookie().find((set) => set.startsWith(`${ticketName}=`))!;
    ticket = cookie.split(';')[0]!.slice(ticketName.length + 1);
  });

  const expectRefused = async (response: Response, path = checkPath) => {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'urn:urr:problem:vwr-no-ticket', instance: path });
  };

  it("tells a waiting fan where they stand, whichever of the request's cookies holds the ticket", async () => {
    for (const cookie of [
      `${ticketName}=${ticket}`,
      `urr-access-token=x; x${ticketName}=forged; ${ticketName}-x=forged; ${ticketName}=${ticket}; b=2`,
    ]) {
      const response = await get(`${checkPath}?at=${Date.now()}`, { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(JSON.parse(text)).toMatchObject({
        status: 'waiting',
        eventId: busyEventId,
        position,
        ahead: position - 1,
        paused: false,
      });
    }
  });

  it('refuses a missing, edited or foreign ticket with problem JSON, however often it is sent', async () => {
    const edited = `${ticket.slice(0, -2)}${ticket.endsWith('AA') ? 'BB' : 'AA'}`;
    for (let round = 0; round < 2; round += 1) {
      await expectRefused(await get(checkPath));
      await expectRefused(await get(checkPath, { cookie: `${ticketName}=${edited}` }));
      await expectRefused(await get(checkPath, { cookie: `${ticketName}=forged; ${ticketName}=${ticket}` }));
      // A real ticket of the busy sale, shown at another sale's check under that sale's cookie name.
      await expectRefused(
        await get(`/vwr-api/vwr/check/${eventId}`, { cookie: `urr-vwr-ticket-${eventId}=${ticket}` }),
        `/vwr-api/vwr/check/${eventId}`,
      );
    }
    expect((await get(checkPath, { cookie: `${ticketName}=${ticket}` })).status).toBe(200);
  });

  it('answers as the Lambda handler answers the same request through API Gateway', async () => {
    const dynamo = createDynamoClient({
      region: edgeConfig.AWS_REGION,
      endpoint: edgeConfig.AWS_ENDPOINT_URL,
    });
    const lambda = checkRoute(() => createVwrApiDeps(edgeConfig, dynamo));
    try {
      for (const cookie of [`${ticketName}=${ticket}`, `${ticketName}=forged`, 'other=1']) {
        const viaEdge = await get(checkPath, { cookie });
        const viaLambda = await lambda(
          httpApiEvent({
            method: 'GET',
            path: checkPath,
            routeKey: 'GET /vwr-api/vwr/check/{eventId}',
            pathParameters: { eventId: busyEventId },
            headers: { cookie },
          }),
        );
        expect(viaEdge.status).toBe(viaLambda.statusCode);
        expect(viaEdge.headers.get('content-type')).toBe(viaLambda.headers!['content-type']);
        expect(viaEdge.headers.getSetCookie()).toEqual(viaLambda.cookies ?? []);
        expect(await viaEdge.json()).toEqual(JSON.parse(viaLambda.body!));
      }
    } finally {
      dynamo.destroy();
    }
  });

  it('leaves other methods and encoded event ids to the general routes', async () => {
    expect((await get(checkPath, { cookie: `${ticketName}=${ticket}` }, 'POST')).status).toBe(404);
    const encoded = await get(`/vwr-api/vwr/check/${busyEventId.replace('-', '%2D')}`, {
      cookie: `${ticketName}=${ticket}`,
    });
    expect(await encoded.json()).toMatchObject({ status: 'waiting', position });
  });
});

describe('the other routes of the local edge', () => {
  it('lets a quiet sale admit at once through /vwr-api, and the cookie it sets opens Tier 1', async () => {
    const assign = await joinSale(eventId);
    expect(await assign.json()).toMatchObject({ status: 'admitted', eventId });
    const token = assign.headers.getSetCookie().find((cookie) => cookie.startsWith('urr-vwr-token='))!;
    const response = await get('/api/v1/community/posts', forEvent(token.split(';')[0]));
    expect(await response.json()).toMatchObject({ origin: 'gateway' });
  });

  it("tells fans apart by their connection's address, as CloudFront gives the viewer's", async () => {
    const from = (localAddress: string) =>
      new Promise<{ forwardedFor: string }>((resolve, reject) => {
        const sent = request(`${edge.url}/events/1`, { localAddress, agent: false }, (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve(JSON.parse(body)));
        });
        sent.on('error', reject);
        sent.end();
      });
    expect((await from('127.0.0.2')).forwardedFor).toBe('127.0.0.2');
    expect((await from('127.9.8.7')).forwardedFor).toBe('127.9.8.7');
  });

  it('answers a bad event id with problem JSON', async () => {
    const response = await get('/vwr-api/vwr/check/bad%20id');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('serves the static waiting page for /vwr/{eventId} and sends everything else to the frontend', async () => {
    const page = await get(`/vwr/${eventId}?returnTo=%2Fevents%2F1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('대기열 나가기');
    expect(await (await get('/events/1')).json()).toMatchObject({ origin: 'frontend', url: '/events/1' });
  });
});
