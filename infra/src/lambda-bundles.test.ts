/**
 * Every Lambda bundle the CDK app writes to its cloud assembly runs on its own: copied out of the repository
 * (no node_modules anywhere above it), started in a fresh Node process with the environment its stack gives
 * it, and invoked with the event its AWS trigger sends, against the local stack's DynamoDB, SQS and
 * PostgreSQL. The chain is the sale's: assign → advance → check (a vwr token) → edge-auth lets it through.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  startTestAccessTokenIssuer,
  type TestAccessTokenIssuer,
} from '@urr/common/testing/access-token-issuer';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import {
  call,
  createSaleEvent,
  expectStatus,
  newUser,
  startTicketTestEnv,
} from '@urr/ticket-service/testing';
import { recordAttributeNames, sqsEventOf } from '@urr/ticket-worker/sqs-event';
import { admissionMessage } from '@urr/ticket-worker/testing/admission-message';
import { vwrApiRoutes } from '@urr/vwr-api/routes';
import { writeRoomSettings } from '@urr/vwr-api/test-support';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { solveChallenge } from '@urr/vwr-shared/proof-of-work';
import { ensureWaitingRoomTables } from '@urr/vwr-shared/tables';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeStack } from './edge/edge-stack.js';
import { edgeViewerRequestMaxZipBytes } from './lambda-bundle.js';
import { type ResourceReference, resolveTemplateValue } from './testing/cloudformation-values.js';
import { defineUrrInfra } from './urr-infra.js';
import { vwrTokenKid } from './vwr/vwr-stack.js';

const vwrTokenSecret = randomBytes(32).toString('hex');
const entryTokenSecret = randomBytes(32).toString('hex');
const edgeAuthKeys = {
  vwrToken: { currentKid: vwrTokenKid, keys: { [vwrTokenKid]: vwrTokenSecret } },
  entryTokenSecret,
};

const outdir = mkdtempSync(join(tmpdir(), 'urr-bundles-'));
const app = new App({ outdir });
const stacks = defineUrrInfra(app, {
  account: '123456789012',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  edgeAuthKeys,
});
const assembly = app.synth();
const endpoints = localStackEndpoints();
const scratch: string[] = [outdir];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const idOf = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  `${stack.stackName}/${stack.getLogicalId(construct.node.defaultChild as CfnElement)}`;

interface DeployedFunction {
  readonly stack: Stack;
  readonly handler: string;
  readonly environment: Record<string, unknown>;
  readonly assetDir: string;
}

/** A function as its stack's template deploys it: handler, environment, and the asset folder in the assembly. */
function deployed(stack: Stack, fn: lambda.Function, inAssembly = assembly): DeployedFunction {
  const template = inAssembly.getStackByName(stack.stackName).template;
  const { Properties } = template.Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)];
  return {
    stack,
    handler: Properties.Handler,
    environment: Properties.Environment?.Variables ?? {},
    assetDir: join(inAssembly.directory, `asset.${String(Properties.Code.S3Key).replace(/\.zip$/, '')}`),
  };
}

/** The function's environment as CloudFormation would deploy it, with the local servers' values. */
function environmentOf(
  fn: DeployedFunction,
  resources: Map<string, string>,
  secrets: Map<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fn.environment).map(([name, value]) => [
      name,
      resolveTemplateValue(assembly, fn.stack.stackName, value, {
        resource: ({ stack, logicalId, attribute }: ResourceReference) => {
          const key = `${stack}/${logicalId}${attribute ? `.${attribute}` : ''}`;
          const local = resources.get(key);
          if (local === undefined)
            throw new Error(`${name} refers to ${key}, which this test does not provide`);
          return local;
        },
        secret: (secret, jsonKey) => {
          const local = secrets.get(`${secret}#${jsonKey}`);
          if (local === undefined) throw new Error(`${name} reads secret ${secret} key "${jsonKey}"`);
          return local;
        },
      }),
    ]),
  );
}

const runner = `
import { readFileSync } from 'node:fs';
const event = JSON.parse(readFileSync(0, 'utf8'));
const [file, name] = process.argv.slice(1);
const context = { awsRequestId: 'test-request', functionName: 'bundle-test', getRemainingTimeInMillis: () => 30000 };
try {
  const result = await (await import(file))[name](event, context);
  process.stdout.write('\\n@@result ' + JSON.stringify(result ?? null) + '\\n');
  process.exit(0);
} catch (error) {
  process.stdout.write('\\n@@error ' + JSON.stringify(String(error?.stack ?? error)) + '\\n');
  process.exit(1);
}`;

interface Invocation {
  // biome-ignore lint/suspicious/noExplicitAny: a handler's answer, inspected field by field
  readonly result?: any;
  readonly error?: string;
  readonly output: string;
}

/** Copies the bundle out of the repository and invokes its handler in a Node process of its own. */
async function invokeAlone(
  fn: DeployedFunction,
  event: unknown,
  env: Record<string, string>,
): Promise<Invocation> {
  const dir = mkdtempSync(join(tmpdir(), 'urr-lambda-'));
  scratch.push(dir);
  cpSync(fn.assetDir, dir, { recursive: true });
  for (let up = dir; up !== dirname(up); up = dirname(up))
    expect(existsSync(join(up, 'node_modules')), `node_modules above ${dir}`).toBe(false);
  const [moduleName, exportName] = fn.handler.split('.') as [string, string];
  const file = ['.mjs', '.js', '.cjs'].map((ext) => join(dir, moduleName + ext)).find(existsSync);
  if (!file) throw new Error(`the bundle has no ${moduleName}.mjs for handler ${fn.handler}`);
  const child = spawn(process.execPath, ['--input-type=module', '-e', runner, file, exportName], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  child.stdin.end(JSON.stringify(event));
  await new Promise((resolve) => child.on('close', resolve));
  const line = output.split('\n').find((each) => each.startsWith('@@'));
  if (line?.startsWith('@@result ')) return { result: JSON.parse(line.slice(9)), output };
  if (line?.startsWith('@@error ')) return { error: JSON.parse(line.slice(8)), output };
  throw new Error(`the bundle's process ended without an answer:\n${output}`);
}

const awsEnv = {
  AWS_REGION: endpoints.awsRegion,
  AWS_ENDPOINT_URL: endpoints.awsEndpoint,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};

/** API Gateway HTTP API, payload format 2.0, as it invokes a route's Lambda. */
function httpApiEvent(
  method: 'GET' | 'POST',
  action: string,
  eventId: string,
  cookies: string[],
  accessToken: string,
  body?: unknown,
) {
  const routeKey = `${method} /vwr-api/vwr/${action}/{eventId}`;
  const path = `/vwr-api/vwr/${action}/${eventId}`;
  const host = 'a1b2c3d4e5.execute-api.ap-northeast-2.amazonaws.com';
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${accessToken}`,
      'content-length': String(body === undefined ? 0 : JSON.stringify(body).length),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      host,
      'user-agent': 'Mozilla/5.0',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: host,
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0' },
      requestId: randomBytes(8).toString('base64'),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    pathParameters: { eventId },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    isBase64Encoded: false,
  };
}

/** EventBridge's scheduled event, as the rule invokes the counter-advancer. */
const scheduledEvent = () => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: new Date().toISOString(),
  region: 'ap-northeast-2',
  resources: ['arn:aws:events:ap-northeast-2:123456789012:rule/UrrVwr-CounterAdvancerSchedule'],
  detail: {},
});

/** CloudFront's viewer-request event, as it invokes Lambda@Edge on /api/*. */
function viewerRequestEvent(uri: string, headers: Record<string, string>) {
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: 'd111111abcdef8.cloudfront.net',
            distributionId: 'EDFDVBD6EXAMPLE',
            eventType: 'viewer-request',
            requestId: randomBytes(24).toString('base64url'),
          },
          request: {
            clientIp: '203.0.113.178',
            method: 'GET',
            querystring: '',
            uri,
            headers: Object.fromEntries(
              Object.entries({ Host: 'urr.guru', 'User-Agent': 'Mozilla/5.0', ...headers }).map(
                ([key, value]) => [key.toLowerCase(), [{ key, value }]],
              ),
            ),
          },
        },
      },
    ],
  };
}

const cookieValue = (setCookies: string[] | undefined, name: string) =>
  setCookies
    ?.map((cookie) => cookie.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe('each Lambda bundle in the cloud assembly', () => {
  const bundled = [
    ...stacks.vwr.functions.map((fn) => deployed(stacks.vwr, fn)),
    deployed(stacks.compute, stacks.compute.ticketWorker),
    deployed(stacks.edge, stacks.edge.edgeAuth),
  ];

  it('is one ES module with its dependencies inside (and its source map, or the edge’s keys), no node_modules', () => {
    // A function per vwr-api route, the advancer, the ticket worker and edge-auth.
    expect(bundled).toHaveLength(vwrApiRoutes.length + 3);
    for (const fn of bundled) {
      expect(fn.handler).toBe('index.handler');
      const files = readdirSync(fn.assetDir).sort();
      expect(files).toEqual(
        fn.stack === stacks.edge ? ['edge-auth.config.json', 'index.mjs'] : ['index.mjs', 'index.mjs.map'],
      );
    }
    const edge = bundled.at(-1)!;
    const zipped = readdirSync(edge.assetDir).reduce(
      (sum, file) => sum + deflateRawSync(readFileSync(join(edge.assetDir, file))).length,
      0,
    );
    expect(zipped).toBeLessThan(edgeViewerRequestMaxZipBytes / 2);
  });
});

describe('the waiting room’s bundles, chained as in a sale, on the local DynamoDB', () => {
  const dynamo = createDynamoClient({ region: endpoints.awsRegion, endpoint: endpoints.awsEndpoint });
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const tables = { countersTable: `bundle-counters-${suffix}`, positionsTable: `bundle-positions-${suffix}` };
  const eventId = `bundle-${randomBytes(4).toString('hex')}`;
  const [challengeFn, assignFn, checkFn] = ['challenge', 'assign', 'check'].map((name) =>
    deployed(stacks.vwr, stacks.vwr.functions.find((fn) => fn.node.id === `VwrApi-${name}`)!),
  ) as [DeployedFunction, DeployedFunction, DeployedFunction];
  const advancerFn = deployed(
    stacks.vwr,
    stacks.vwr.functions.find((fn) => fn.node.id === 'CounterAdvancer')!,
  );
  const resources = new Map([
    [idOf(stacks.vwr, stacks.vwr.counters), tables.countersTable],
    [idOf(stacks.vwr, stacks.vwr.positions), tables.positionsTable],
    [idOf(stacks.data, stacks.data.secrets['vwr-token-secret']), 'urr/vwr-token-secret'],
  ]);
  const secrets = new Map([['urr/vwr-token-secret#', vwrTokenSecret]]);
  let issuer: TestAccessTokenIssuer;
  /** The stack's environment; auth-service's JWKS is the test issuer's instead of the site's. */
  const envOf = (fn: DeployedFunction) => {
    const env: Record<string, string> = { ...environmentOf(fn, resources, secrets), ...awsEnv };
    if (env.AUTH_JWKS_URL === undefined) return env;
    expect(env.AUTH_JWKS_URL).toBe('https://urr.guru/api/v1/auth/.well-known/jwks.json');
    return { ...env, AUTH_JWKS_URL: issuer.jwksUrl };
  };

  beforeAll(async () => {
    issuer = await startTestAccessTokenIssuer();
    await ensureWaitingRoomTables(dynamo, tables);
    await writeRoomSettings(dynamo, tables, eventId, { active: true, admitStep: 1 });
  });
  afterAll(async () => {
    await issuer?.close();
  });

  it('challenge and assign (API Gateway v2) queue the signed-in fan; the advancer (schedule) admits them; check hands out the vwr token; edge-auth lets it through', async () => {
    const fan = await issuer.sign();
    const challenged = await invokeAlone(
      challengeFn,
      httpApiEvent('GET', 'challenge', eventId, [], fan),
      envOf(challengeFn),
    );
    expect(challenged.error, challenged.output).toBeUndefined();
    const { challenge, difficulty } = JSON.parse(challenged.result.body);
    const solution = solveChallenge(challenge, difficulty);
    const assigned = await invokeAlone(
      assignFn,
      httpApiEvent('POST', 'assign', eventId, [], fan, { challenge, solution }),
      envOf(assignFn),
    );
    expect(assigned.error, assigned.output).toBeUndefined();
    expect(assigned.result.statusCode).toBe(200);
    expect(JSON.parse(assigned.result.body)).toMatchObject({ status: 'waiting', position: 1 });
    const ticketCookie = `urr-vwr-ticket-${eventId}`;
    const ticket = cookieValue(assigned.result.cookies, ticketCookie);
    expect(ticket).toBeTruthy();

    // The stack runs six cycles ten seconds apart; one cycle is the same code without the minute's wait.
    const advanced = await invokeAlone(advancerFn, scheduledEvent(), {
      ...envOf(advancerFn),
      ADVANCER_CYCLES: '1',
    });
    expect(advanced.error, advanced.output).toBeUndefined();

    const checked = await invokeAlone(
      checkFn,
      httpApiEvent('GET', 'check', eventId, [`${ticketCookie}=${ticket}`], fan),
      envOf(checkFn),
    );
    expect(checked.error, checked.output).toBeUndefined();
    expect(JSON.parse(checked.result.body)).toMatchObject({ status: 'admitted', position: 1 });
    const vwrToken = cookieValue(checked.result.cookies, 'urr-vwr-token');
    expect(vwrToken).toBeTruthy();

    const edgeFn = deployed(stacks.edge, stacks.edge.edgeAuth);
    const protectedPath = '/api/v1/community/posts';
    const passed = await invokeAlone(
      edgeFn,
      viewerRequestEvent(protectedPath, { 'X-Event-Id': eventId, Cookie: `urr-vwr-token=${vwrToken}` }),
      {},
    );
    expect(passed.error, passed.output).toBeUndefined();
    expect(passed.result).toMatchObject({ uri: protectedPath, method: 'GET' });
    expect(passed.result.status).toBeUndefined();

    // The same pass for another sale, a forged one and none at all: sent to the waiting page.
    for (const [otherEvent, cookie] of [
      ['another-sale', `urr-vwr-token=${vwrToken}`],
      [eventId, `urr-vwr-token=${vwrToken!.slice(0, -4)}AAAA`],
      [eventId, ''],
    ] as const) {
      const refused = await invokeAlone(
        edgeFn,
        viewerRequestEvent(protectedPath, {
          'X-Event-Id': otherEvent,
          ...(cookie ? { Cookie: cookie } : {}),
        }),
        {},
      );
      expect(refused.result, refused.output).toMatchObject({ status: '302' });
      expect(refused.result.headers.location[0].value).toMatch(new RegExp(`^/vwr/${otherEvent}`));
    }
  });

  it('an edge-auth bundled without keys lets nothing protected through', async () => {
    const keyless = new App({ outdir: mkdtempSync(join(tmpdir(), 'urr-keyless-')) });
    scratch.push(keyless.outdir);
    const edge = new EdgeStack(keyless, 'KeylessEdge', {
      env: { region: 'us-east-1', account: '123456789012' },
      domainName: 'urr.guru',
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
      albOriginDomainName: 'origin.urr.guru',
      vwrApiDomainName: 'api.example.com',
    });
    const fn = deployed(edge, edge.edgeAuth, keyless.synth());
    expect(readdirSync(fn.assetDir)).toEqual(['index.mjs']);
    const answer = await invokeAlone(
      fn,
      viewerRequestEvent('/api/v1/community/posts', { 'X-Event-Id': eventId, Cookie: 'urr-vwr-token=x.y.z' }),
      {},
    );
    expect(answer.result).toBeUndefined();
    expect(answer.error).toMatch(/edge-auth\.config\.json/);
  });
});

describe('the ticket worker’s bundle, on an SQS event from the local queue, against the real PostgreSQL', () => {
  const sqs = new SQSClient({ region: endpoints.awsRegion, endpoint: endpoints.awsEndpoint });
  const workerFn = deployed(stacks.compute, stacks.compute.ticketWorker);
  let env: Awaited<ReturnType<typeof startTicketTestEnv>>;
  beforeAll(async () => {
    env = await startTicketTestEnv();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('reads DATABASE_URL as the stack writes it (ticket-service’s login via RDS Proxy, verified TLS) and applies the batch', async () => {
    const resources = new Map([
      [idOf(stacks.data, stacks.data.databaseLogins['ticket-service']), 'urr/database/ticket-service'],
      [
        `${idOf(stacks.data, stacks.data.proxy)}.Endpoint`,
        'urr-postgres.proxy-abc.ap-northeast-2.rds.amazonaws.com',
      ],
    ]);
    const secrets = new Map([
      ['urr/database/ticket-service#username', 'ticket_service'],
      ['urr/database/ticket-service#password', 'proxy-password'],
    ]);
    const deployedEnv = environmentOf(workerFn, resources, secrets);
    const url = new URL(deployedEnv.DATABASE_URL!);
    expect(url.href).toBe(
      'postgres://ticket_service:proxy-password@urr-postgres.proxy-abc.ap-northeast-2.rds.amazonaws.com:5432/ticket_db?sslmode=verify-full',
    );
    // The same URL pointed at the local server (no TLS there, trust login), in the test's own schema.
    const local = new URL(endpoints.postgresUrl('ticket_db'));
    url.host = local.host;
    url.username = local.username;
    url.password = '';
    url.searchParams.set('sslmode', 'disable');
    url.searchParams.set('options', `-c search_path=${env.db.searchPath},public`);

    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: `bundle-ticket-events-${randomBytes(4).toString('hex')}.fifo`,
        Attributes: { FifoQueue: 'true' },
      }),
    );
    const { event } = await createSaleEvent(env, newUser('admin'));
    const admitted = admissionMessage(event.id, randomUUID(), 'queue.admitted', 1);
    for (const body of [JSON.stringify(admitted), '{"not": "an admission"}'])
      await sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: body,
          MessageGroupId: event.id,
          MessageDeduplicationId: randomUUID(),
        }),
      );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: [...recordAttributeNames],
        WaitTimeSeconds: 1,
      }),
    );
    expect(Messages).toHaveLength(2);
    const sqsEvent = sqsEventOf(Messages, {
      arn: `arn:aws:sqs:${endpoints.awsRegion}:123456789012:ticket-events.fifo`,
      region: endpoints.awsRegion,
    });

    const answer = await invokeAlone(workerFn, sqsEvent, { ...deployedEnv, DATABASE_URL: url.href });
    expect(answer.error, answer.output).toBeUndefined();
    expect(answer.result.batchItemFailures).toEqual([{ itemIdentifier: Messages[1]!.MessageId }]);
    const figures = expectStatus(
      await call(env, 'GET', `/internal/events/${event.id}/admissions`, {
        headers: { 'x-internal-token': env.config.INTERNAL_API_TOKEN },
      }),
      200,
    );
    expect(figures).toMatchObject({ eventId: event.id, admitted: 1, admissions: 1 });
  });
});
