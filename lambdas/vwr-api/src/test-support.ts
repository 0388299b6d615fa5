import { randomBytes, randomUUID } from 'node:crypto';
import { accessTokenCookieName } from '@urr/common/auth/access-token';
import {
  startTestAccessTokenIssuer,
  type TestAccessTokenIssuer,
} from '@urr/common/testing/access-token-issuer';
import {
  countersAttributes,
  countersSettingsUpdate,
  type WaitingRoomTables,
} from '@urr/common/vwr/counters-item';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { createDynamoClient, type DynamoClient } from '@urr/vwr-shared/dynamo';
import { PositionsStore } from '@urr/vwr-shared/positions-store';
import { solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { ensureWaitingRoomTables } from '@urr/vwr-shared/tables';
import { type VwrApiConfig, vwrApiEnvSchema } from './config.js';
import { createVwrApiDeps, type VwrApiDeps } from './deps.js';
import type { ApiResult } from './http.js';
import { httpApiEvent } from './http-api-event.js';
import { assignRoute, challengeRoute, checkRoute, leaveRoute } from './routes.js';

/** Which test auth issuer signs the visitors of each container's routes. */
const issuerOfContainer = new WeakMap<VwrApiDeps, TestAccessTokenIssuer>();

/**
 * A waiting room on the local DynamoDB-compatible server, in tables of its own (tests run in parallel), with
 * a test auth issuer whose JWKS the containers trust.
 */
export async function testWaitingRoom(settings: Record<string, string> = {}) {
  const issuer = await startTestAccessTokenIssuer();
  const dynamo = createDynamoClient({
    region: process.env.AWS_REGION ?? 'ap-northeast-2',
    endpoint: process.env.AWS_ENDPOINT_URL,
  });
  const suffix = `${process.pid}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const tables: WaitingRoomTables = {
    countersTable: `vwr-counters-${suffix}`,
    positionsTable: `vwr-positions-${suffix}`,
  };
  await ensureWaitingRoomTables(dynamo, tables);
  const config: VwrApiConfig = vwrApiEnvSchema.parse({
    VWR_COUNTERS_TABLE: tables.countersTable,
    VWR_POSITIONS_TABLE: tables.positionsTable,
    VWR_TOKEN_SECRET: randomBytes(32).toString('hex'),
    VWR_COOKIE_SECURE: 'false',
    VWR_COUNTERS_CACHE_MS: '1000',
    // Cheap for the tests' thousands of arrivals; the difficulty itself is tested in its own test.
    VWR_POW_DIFFICULTY: '4',
    // Thousands of test arrivals come from one address; the limits have their own test.
    VWR_ASSIGN_LIMIT_PER_NETWORK: '1000000',
    VWR_ASSIGN_LIMIT_PER_ACCOUNT: '1000',
    AUTH_JWKS_URL: issuer.jwksUrl,
    ...settings,
  });
  return {
    dynamo,
    tables,
    config,
    stores: { counters: new CountersStore(dynamo, tables), positions: new PositionsStore(dynamo, tables) },
    issuer,
    /** One Lambda container: its own counters cache, over the same tables. */
    container: (clock?: () => number) => {
      const deps = createVwrApiDeps(config, dynamo, clock);
      issuerOfContainer.set(deps, issuer);
      return deps;
    },
  };
}

/** Writes the admission settings the way the operator does: SET on those attributes only. */
export async function writeRoomSettings(
  dynamo: DynamoClient,
  tables: WaitingRoomTables,
  eventId: string,
  settings: {
    active: boolean;
    admitStep?: number;
    opensAt?: string;
    soldOut?: boolean;
    paused?: boolean;
    positionShards?: number;
  },
): Promise<void> {
  const { opensAt, ...rest } = settings;
  await dynamo.updateItem({
    TableName: tables.countersTable,
    Key: { [countersAttributes.eventId]: { S: eventId } },
    ...countersSettingsUpdate({
      ...rest,
      ...(opensAt === undefined ? {} : { opensAt: new Date(opensAt) }),
    }),
  });
}

/**
 * A browser-like client of one container's routes: keeps the cookies it is given, signed in as `account` (a
 * new account unless given); `signedIn: false` sends no access token.
 */
export function visitor(
  deps: VwrApiDeps,
  eventId: string,
  options: {
    readonly account?: string;
    readonly signedIn?: boolean;
    readonly clientIp?: string;
    /** Request headers besides the cookies, e.g. the ones CloudFront adds. */
    readonly headers?: Record<string, string>;
    /** false: assign without solving the proof-of-work challenge. */
    readonly solve?: boolean;
  } = {},
) {
  const jar = new Map<string, string>();
  const account = options.account ?? randomUUID();
  const signIn = async () => {
    const issuer = issuerOfContainer.get(deps);
    if (!issuer) throw new Error('visitor() takes the deps of a testWaitingRoom() container');
    jar.set(accessTokenCookieName, await issuer.sign(account));
  };
  const call = async (route: typeof assignRoute, method: string, action: string, body?: string) => {
    if (options.signedIn !== false && !jar.has(accessTokenCookieName)) await signIn();
    const result = await route(() => deps)(
      httpApiEvent({
        method,
        path: `/vwr-api/vwr/${action}/${eventId}`,
        routeKey: `${method} /vwr-api/vwr/${action}/{eventId}`,
        pathParameters: { eventId },
        headers: {
          ...options.headers,
          ...(jar.size > 0 ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}),
        },
        ...(options.clientIp ? { sourceIp: options.clientIp } : {}),
        ...(body !== undefined ? { body } : {}),
      }),
    );
    for (const cookie of result.cookies ?? []) {
      const [pair] = cookie.split(';');
      const separator = pair!.indexOf('=');
      const name = pair!.slice(0, separator);
      const value = pair!.slice(separator + 1);
      if (value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return { result, body: bodyOf(result) };
  };
  return {
    jar,
    account,
    challenge: () => call(challengeRoute, 'GET', 'challenge'),
    /** Solves a fresh challenge (unless `solve: false`) and joins; `proof` sends that body instead. */
    assign: async (proof?: { challenge: string; solution: string }) => {
      if (proof) return call(assignRoute, 'POST', 'assign', JSON.stringify(proof));
      if (options.solve === false) return call(assignRoute, 'POST', 'assign');
      const { body } = await call(challengeRoute, 'GET', 'challenge');
      if (!body?.challenge) return call(assignRoute, 'POST', 'assign');
      const solution = solveChallenge(body.challenge, body.difficulty);
      return call(assignRoute, 'POST', 'assign', JSON.stringify({ challenge: body.challenge, solution }));
    },
    check: () => call(checkRoute, 'GET', 'check'),
    leave: () => call(leaveRoute, 'POST', 'leave'),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected field by field
export const bodyOf = (result: ApiResult): any => (result.body ? JSON.parse(result.body) : undefined);
