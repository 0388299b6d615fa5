import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createDatabase,
  createIdempotentConsumer,
  createKafka,
  createLogger,
  createOutboxRelay,
  createProducer,
  createServiceApp,
  type RunningServer,
  startServer,
} from '@urr/common';
import { localStackEndpoints } from '@urr/local-stack/stack-env';
import { createOperatorServer, OperatorMetrics } from '@urr/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workloadsOf } from '../charts.js';
import { testSettings } from '../test-support.js';
import { urrAlertGroups } from './alert-rules.js';
import { arrivalRoute, bookingRoutes, defaultBookingObjective } from './booking-path.js';
import { readDashboardFiles } from './dashboard-files.js';
import { exposedMetricNames } from './exposition.js';
import { parsePromql } from './promql.js';
import { gatewayServiceOf } from './scrape-targets.js';

/**
 * What URR really exports, scraped live: gateway-service and queue-service as their main.ts wires them, in
 * processes of their own; the other backend services' app as services/common builds it (the base each of
 * their apps starts from: the request histogram and process metrics — their own main.ts would join shared
 * Kafka groups and relay shared outboxes), plus the outbox and consumer-lag gauges of services/common on
 * that app's registry for each service whose main.ts hands its registry to a relay or a consumer (read
 * from main.ts below, so a main.ts that stops passing it leaves the metric unexported here); and the
 * operator's metrics as its main.ts serves them.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const logger = createLogger({ service: 'monitoring-test', level: 'silent' });
const exported = new Set<string>();
const servers: RunningServer[] = [];
const children: ChildProcess[] = [];
let operatorServer: Server | undefined;
let gatewayExposition = '';
const closers: (() => Promise<void>)[] = [];

const scrape = async (base: string) => {
  // One request first: a histogram has series only once it observed something.
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  for (const name of exposedMetricNames(text)) exported.add(name);
  return text;
};

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

async function untilHealthy(base: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${base} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing answered on ${base} within ${timeoutMs} ms`);
}

/** What a service's main.ts hands its registry (`registry: app.service.registry`) to. */
function registryWiringOf(mainTs: string): { outboxRelay: boolean; consumer: boolean } {
  const calls = (factory: RegExp) =>
    [...mainTs.matchAll(new RegExp(`${factory.source}\\(\\{[^;]*?\\}\\);`, 'gs'))].map(([call]) => call);
  const passesRegistry = (call: string) => call.includes('registry: app.service.registry');
  return {
    outboxRelay: calls(/(?:create|start)OutboxRelay/).some(passesRegistry),
    consumer: calls(/create\w*Consumer/).some(passesRegistry),
  };
}

const mainTsOf = (service: string) =>
  readFileSync(new URL(`../../../services/${service}/src/main.ts`, import.meta.url), 'utf8');

const secret = () => randomBytes(32).toString('hex');
/** Nothing listens on the discard port: a call to an upstream fails at once. */
const nowhere = 'http://127.0.0.1:9';

/**
 * A service's main.ts on a free loopback port, on a Redis database of its own, so that its background work
 * (queue-service's relay and sweeper) touches no key other tests or the local stack use.
 */
async function startServiceProcess(entry: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const redis = new URL(process.env.REDIS_URL ?? '');
  redis.pathname = '/13';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REDIS_URL: redis.toString(),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, child, 90_000);
  return base;
}

/** queue-service; its ticket-events queue does not exist (the relay looks it up only with something to send). */
const startQueueService = () =>
  startServiceProcess('services/queue/src/main.ts', {
    INTERNAL_API_TOKEN: secret(),
    ENTRY_TOKEN_SECRET: secret(),
    VWR_TOKEN_SECRET: secret(),
    CATALOG_URL: nowhere,
    SQS_CREATE_QUEUES: 'false',
    SQS_TICKET_EVENTS_QUEUE: 'urr-monitoring-test-absent.fifo',
    VWR_COUNTERS_TABLE: 'urr-monitoring-test-absent',
  });

/** gateway-service with every upstream nowhere: what it records of the booking routes is all that is read. */
async function startGateway(): Promise<string> {
  const upstreams = ['AUTH', 'TICKET', 'PAYMENT', 'STATS', 'QUEUE', 'COMMUNITY', 'CATALOG'];
  const base = await startServiceProcess('services/gateway/src/main.ts', {
    ENTRY_TOKEN_SECRET: secret(),
    ...Object.fromEntries(upstreams.map((name) => [`${name}_URL`, nowhere])),
  });
  for (const route of [arrivalRoute, bookingRoutes.reserve, bookingRoutes.confirm]) {
    const path = route.route.replace(/:[A-Za-z]+/g, randomUUID());
    await (await fetch(`${base}${path}`, { method: route.method })).body?.cancel();
  }
  return base;
}

beforeAll(async () => {
  const [queue, gateway] = [startQueueService(), startGateway()];
  const inProcess = workloadsOf(testSettings).filter(
    (candidate) => !['frontend', 'gateway', 'queue'].includes(candidate.id),
  );
  // Read-only: the gauges query the outbox of the stack's ticket database and no group's offsets change.
  const database = createDatabase({ primaryUrl: localStackEndpoints().postgresUrl('ticket_db'), poolMax: 1 });
  const kafka = createKafka({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    clientId: 'monitoring-test',
  });
  closers.push(database.close);
  for (const workload of inProcess) {
    const app = createServiceApp({ name: workload.name, logger });
    const wiring = registryWiringOf(mainTsOf(workload.id));
    const registry = app.service.registry;
    if (wiring.outboxRelay)
      createOutboxRelay({ db: database.primary, producer: createProducer(kafka), logger, registry });
    if (wiring.consumer)
      createIdempotentConsumer({
        kafka,
        groupId: `monitoring-test-${randomUUID()}`,
        topics: ['monitoring-test-absent'],
        db: database.primary,
        handle: async () => {},
        logger,
        registry,
      });
    const server = await startServer({ app, port: 0, hostname: '127.0.0.1', logger, handleSignals: false });
    servers.push(server);
    await scrape(server.url);
  }
  const metrics = new OperatorMetrics({ processMetrics: true });
  operatorServer = createOperatorServer({ registry: metrics.registry, isLeader: () => true });
  operatorServer.listen(0, '127.0.0.1');
  await once(operatorServer, 'listening');
  const address = operatorServer.address();
  if (!address || typeof address === 'string') throw new Error('the operator server has no port');
  await scrape(`http://127.0.0.1:${address.port}`);
  await scrape(await queue);
  gatewayExposition = await scrape(await gateway);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.shutdown()));
  operatorServer?.close();
  await Promise.all(closers.map((close) => close()));
  await Promise.all(
    children
      .filter((child) => child.exitCode === null)
      .map((child) => {
        child.kill('SIGTERM');
        return once(child, 'exit');
      }),
  );
}, 30_000);

const unexported = (expressions: readonly string[]) =>
  [...new Set(expressions.flatMap((expr) => parsePromql(expr).metricNames))].filter(
    (name) => !exported.has(name),
  );

describe('every metric the monitoring reads is exported', () => {
  it('the scrape found the request histogram, process metrics, the admission outbox and the operator', () => {
    for (const name of [
      'http_request_duration_seconds_bucket',
      'process_cpu_seconds_total',
      'queue_admission_outbox_depth',
      'queue_ticket_events_dlq_messages',
      'outbox_pending_events',
      'outbox_oldest_pending_age_seconds',
      'kafka_consumer_group_lag',
      'kafka_consumer_group_offset',
      'urr_operator_leader',
      'urr_ticketevent_tier1_serving_counter',
      'urr_ticketevent_tier1_next_position',
      'urr_ticketevent_active_users',
      'urr_ticketevent_max_active_users',
      'urr_ticketevent_seats_left',
    ])
      expect(exported.has(name), name).toBe(true);
  });

  it('the gateway labels the booking and arrival requests with the routes the rules and panels select', () => {
    for (const route of [arrivalRoute, bookingRoutes.reserve, bookingRoutes.confirm])
      expect(
        gatewayExposition
          .split('\n')
          .some(
            (line) =>
              line.startsWith('http_request_duration_seconds_count{') &&
              line.includes(`method="${route.method}"`) &&
              line.includes(`route="${route.route}"`) &&
              line.includes('service="gateway-service"'),
          ),
        `${route.method} ${route.route}`,
      ).toBe(true);
  });

  it.each(readDashboardFiles().map(({ file, text }) => [file, text] as const))('%s', (_, text) => {
    const dashboard = JSON.parse(text) as { panels: { targets: { expr: string }[] }[] };
    expect(
      unexported(dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr))),
    ).toEqual([]);
  });

  it('the alert rules', () => {
    const workloads = workloadsOf(testSettings);
    const rules = urrAlertGroups({
      servicesNamespace: 'urr',
      gatewayService: gatewayServiceOf(workloads),
      objective: defaultBookingObjective(),
    }).flatMap((group) => group.rules);
    expect(unexported(rules.map((rule) => rule.expr))).toEqual([]);
  });

  it('reads which services hand their registry to the outbox relay and to a Kafka consumer from their main.ts', () => {
    expect(registryWiringOf(mainTsOf('ticket'))).toEqual({ outboxRelay: true, consumer: true });
    expect(registryWiringOf(mainTsOf('payment'))).toEqual({ outboxRelay: true, consumer: false });
    expect(registryWiringOf(mainTsOf('catalog'))).toEqual({ outboxRelay: false, consumer: true });
    expect(registryWiringOf(mainTsOf('stats'))).toEqual({ outboxRelay: false, consumer: true });
    expect(
      registryWiringOf(
        'const relay = createOutboxRelay({ db: db.primary, producer, logger });\nrelay.start();',
      ),
    ).toEqual({ outboxRelay: false, consumer: false });
    expect(
      registryWiringOf(
        'const relay = startOutboxRelay({\n  db: db.primary,\n  databaseUrl,\n  producer,\n  registry: app.service.registry,\n});',
      ),
    ).toEqual({ outboxRelay: true, consumer: false });
  });

  it('a metric nobody exports is named', () => {
    expect(unexported(['sum(rate(urr_seats_left_total[5m]))'])).toEqual(['urr_seats_left_total']);
  });
});
