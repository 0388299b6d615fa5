import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger, createServiceApp, type RunningServer, startServer } from '@urr/common';
import { createOperatorServer, OperatorMetrics } from '@urr/operator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workloadsOf } from '../charts.js';
import { testSettings } from '../test-support.js';
import { urrAlertGroups } from './alert-rules.js';
import { defaultBookingObjective } from './booking-path.js';
import { readDashboardFiles } from './dashboard-files.js';
import { exposedMetricNames } from './exposition.js';
import { parsePromql } from './promql.js';
import { gatewayServiceOf } from './scrape-targets.js';

/**
 * What URR really exports, scraped live: every backend service's app as services/common builds it (the
 * base each service's app starts from: request histogram and process metrics), queue-service as its
 * main.ts wires it (the admission outbox's series) in a process of its own, and the operator's metrics
 * as its main.ts serves them.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const logger = createLogger({ service: 'monitoring-test', level: 'silent' });
const exported = new Set<string>();
const servers: RunningServer[] = [];
let queueProcess: ChildProcess | undefined;
let operatorServer: Server | undefined;

const scrape = async (base: string) => {
  // One request first: a histogram has series only once it observed something.
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  for (const name of exposedMetricNames(await response.text())) exported.add(name);
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
    if (child.exitCode !== null) throw new Error(`queue-service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`queue-service did not answer on ${base} within ${timeoutMs} ms`);
}

/**
 * queue-service's main.ts on a free loopback port, on a Redis database of its own (its relay and sweeper
 * touch no key other tests or the local stack use) and a ticket-events queue that does not exist (its
 * relay looks the queue up only when there is something to send).
 */
async function startQueueService(): Promise<string> {
  const port = await freePort();
  const redis = new URL(process.env.REDIS_URL ?? '');
  redis.pathname = '/13';
  const secret = () => randomBytes(32).toString('hex');
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/queue/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      REDIS_URL: redis.toString(),
      INTERNAL_API_TOKEN: secret(),
      ENTRY_TOKEN_SECRET: secret(),
      VWR_TOKEN_SECRET: secret(),
      CATALOG_URL: 'http://127.0.0.1:9',
      SQS_CREATE_QUEUES: 'false',
      SQS_TICKET_EVENTS_QUEUE: 'urr-monitoring-test-absent.fifo',
      VWR_COUNTERS_TABLE: 'urr-monitoring-test-absent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  queueProcess = child;
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, child, 60_000);
  return base;
}

beforeAll(async () => {
  const queue = startQueueService();
  for (const workload of workloadsOf(testSettings).filter((candidate) => candidate.id !== 'frontend')) {
    const app = createServiceApp({ name: workload.name, logger });
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
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.shutdown()));
  operatorServer?.close();
  if (queueProcess && queueProcess.exitCode === null) {
    queueProcess.kill('SIGTERM');
    await once(queueProcess, 'exit');
  }
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
      'urr_operator_leader',
    ])
      expect(exported.has(name), name).toBe(true);
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

  it('a metric nobody exports is named', () => {
    expect(unexported(['sum(rate(urr_seats_left_total[5m]))'])).toEqual(['urr_seats_left_total']);
  });
});
