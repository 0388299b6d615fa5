/**
 * `npm run bench:operator`: applies N TicketEvents (500 by default, `COUNT`) at once to the local
 * kube-apiserver, each for an event of its own in ticket-service, and measures how long the running
 * operator (`npm start`) takes to make each Ready (p50/p99 from its apply), the time until the last one,
 * and the operator's resident memory before and at its peak. Prints progress; figures on the last line.
 * Removes what it made (the TicketEvents, then their namespace).
 *
 * `BENCH_OPERATOR=bundle` measures the operator as its image runs it: main.ts bundled by
 * scripts/images/bundle.ts, run by plain node (no TypeScript loader) with the running operator's own
 * environment, which it replaces for the run; the stack's operator is started again afterwards.
 * `BENCH_OPERATOR_NODE_OPTIONS` are node's flags for that process (e.g. `--max-old-space-size=64`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { applyLocalStackEnv } from '@urr/local-stack/stack-env';
import { ticketEventApi } from '../src/ticket-event.js';

applyLocalStackEnv();
const count = Number(process.env.COUNT ?? 500);
if (!Number.isInteger(count) || count < 1 || count > 2000) throw new Error('COUNT takes 1 to 2000');
const ticketUrl = process.env.TICKET_URL ?? 'http://127.0.0.1:3002';
const pidFile = `${process.env.URR_STATE_DIR ?? '/tmp/urr-stack'}/pids/operator.pid`;
const log = (line: string) => console.error(`[bench:operator] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local stack's seeding identity, as the gateway would forward an admin (ticket-service trusts it). */
const admin = { 'x-user-id': 'urr-bench', 'x-user-email': 'bench@urr.local', 'x-user-role': 'admin' };
async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${ticketUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify(body),
  }).catch((error: Error) => {
    throw new Error(
      `ticket-service (${ticketUrl}) did not answer: ${error.message}; start the stack with npm start`,
    );
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function remove(path: string): Promise<void> {
  const response = await fetch(`${ticketUrl}${path}`, { method: 'DELETE', headers: admin });
  if (!response.ok && response.status !== 404)
    throw new Error(`DELETE ${path} answered ${response.status}: ${await response.text()}`);
}

const bundled = process.env.BENCH_OPERATOR === 'bundle';
if (!bundled && (process.env.BENCH_OPERATOR ?? 'running') !== 'running')
  throw new Error('BENCH_OPERATOR takes running (the default) or bundle');
const runningOperatorPid = () => readFileSync(pidFile, 'utf8').trim();
let operatorPid: string | undefined;

function operatorRssMb(): number | undefined {
  try {
    const pid = operatorPid ?? runningOperatorPid();
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.split(/\s+/)[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: readonly number[], q: number) =>
  sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const custom = kubeConfig.makeApiClient(CustomObjectsApi);
const core = kubeConfig.makeApiClient(CoreV1Api);
const { group, version, plural } = ticketEventApi;
const namespace = `urr-bench-${Date.now().toString(36)}`;

/** Swaps the stack's operator for its image's bundle, run with the same environment and folder. */
async function startBundledOperator(): Promise<ChildProcess> {
  const bundleDir = mkdtempSync(join(tmpdir(), 'urr-operator-bundle-'));
  log('bundling the operator as its image does (scripts/images/bundle.ts)');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/images/bundle.ts', bundleDir, 'ticketevent-operator'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const pid = runningOperatorPid();
  const env = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  log(`stopping the stack's operator (pid ${pid}); it comes back after the run`);
  process.kill(Number(pid), 'SIGTERM');
  while (isAlive(pid)) await sleep(200);
  const nodeOptions = process.env.BENCH_OPERATOR_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...nodeOptions, join(bundleDir, 'ticketevent-operator', 'main.mjs')],
    {
      cwd,
      env,
      stdio: 'ignore',
    },
  );
  operatorPid = String(child.pid);
  // Whatever ends the run, the stack gets its own operator back.
  process.on('exit', () => {
    child.kill('SIGKILL');
    rmSync(bundleDir, { recursive: true, force: true });
    log("starting the stack's own operator again (scripts/apps.sh start)");
    execFileSync('bash', ['scripts/apps.sh', 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  });
  const healthUrl = `http://127.0.0.1:${env.PORT ?? 8081}/healthz`;
  for (
    let tries = 0;
    !(await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    ));
    tries++
  ) {
    if (tries > 300 || child.exitCode !== null)
      throw new Error(`the bundled operator did not answer on ${healthUrl}`);
    await sleep(200);
  }
  log(`the bundled operator runs as pid ${child.pid}`);
  return child;
}

/** A process that ended but was not yet reaped has no VmRSS line. */
function isAlive(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8').includes('VmRSS:');
  } catch {
    return false;
  }
}

if (bundled) await startBundledOperator();
const rssBefore = operatorRssMb();
if (rssBefore === undefined)
  throw new Error(`no running operator (${pidFile}): start the stack with npm start`);

log(`creating ${count} events in ticket-service`);
const venue = await post<{ id: string }>('/api/v1/admin/venues', { name: 'Bench Hall', city: 'Seoul' });
const artist = await post<{ id: string }>('/api/v1/admin/artists', { name: 'Bench Artist' });
const opensAt = Date.now() + 3600_000;
const eventIds: string[] = [];
for (let i = 0; i < count; i += 20) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(20, count - i) }, (_, j) =>
      post<{ id: string }>('/api/v1/admin/events', {
        title: `Bench sale ${i + j}`,
        category: 'concert',
        artistId: artist.id,
        venueId: venue.id,
        kind: 'standing',
        salesOpenAt: new Date(opensAt).toISOString(),
        salesCloseAt: new Date(opensAt + 3600_000).toISOString(),
        performances: [{ startsAt: new Date(opensAt + 86_400_000).toISOString() }],
      }),
    ),
  );
  eventIds.push(...batch.map((event) => event.id));
}

await core.createNamespace({ body: { metadata: { name: namespace } } });
let rssPeak = rssBefore;
const rssWatch = setInterval(() => {
  rssPeak = Math.max(rssPeak, operatorRssMb() ?? 0);
}, 500);
const appliedAt = new Map<string, number>();
const readyAt = new Map<string, number>();
log(`applying ${count} TicketEvents to namespace ${namespace}`);
const applyStarted = Date.now();
for (let i = 0; i < count; i += 25) {
  await Promise.all(
    eventIds.slice(i, i + 25).map(async (eventId, j) => {
      const name = `bench-${i + j}`;
      await custom.patchNamespacedCustomObject(
        {
          group,
          version,
          namespace,
          plural,
          name,
          body: {
            apiVersion: ticketEventApi.apiVersion,
            kind: ticketEventApi.kind,
            metadata: { name, namespace },
            spec: {
              eventId,
              sale: {
                opensAt: new Date(opensAt).toISOString(),
                closesAt: new Date(opensAt + 3600_000).toISOString(),
              },
            },
          },
          fieldManager: 'urr-bench',
          force: true,
        },
        setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
      );
      appliedAt.set(name, Date.now());
    }),
  );
}
const applySeconds = (Date.now() - applyStarted) / 1000;
log(`applied in ${applySeconds.toFixed(1)} s; waiting for Ready`);
const deadline = Date.now() + 600_000;
while (readyAt.size < count && Date.now() < deadline) {
  const list = (await custom.listNamespacedCustomObject({ group, version, namespace, plural })) as {
    items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
  };
  for (const item of list.items)
    if (
      !readyAt.has(item.metadata.name) &&
      item.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
    )
      readyAt.set(item.metadata.name, Date.now());
  log(`${readyAt.size}/${count} Ready · operator RSS ${operatorRssMb()} MB`);
  await sleep(1000);
}
clearInterval(rssWatch);
const times = [...readyAt].map(([name, at]) => at - appliedAt.get(name)!).sort((a, b) => a - b);
const lastReady = Math.max(...readyAt.values());
log(`cleaning up: deleting the TicketEvents (the operator closes their rooms) and namespace ${namespace}`);
await custom
  .deleteCollectionNamespacedCustomObject({ group, version, namespace, plural })
  .catch(() => undefined);
const goneBy = Date.now() + 180_000;
while (Date.now() < goneBy) {
  const left = (await custom.listNamespacedCustomObject({ group, version, namespace, plural })) as {
    items: unknown[];
  };
  if (left.items.length === 0) break;
  log(`${left.items.length} TicketEvents still closing`);
  await sleep(2000);
}
await core.deleteNamespace({ name: namespace }).catch(() => undefined);
log(`deleting the ${eventIds.length} bench events from ticket-service`);
for (let i = 0; i < eventIds.length; i += 20)
  await Promise.all(eventIds.slice(i, i + 20).map((id) => remove(`/api/v1/admin/events/${id}`)));
console.log(
  JSON.stringify({
    ticketEvents: count,
    ready: readyAt.size,
    applySeconds: Math.round(applySeconds * 10) / 10,
    allReadySecondsAfterApply:
      readyAt.size === count ? Math.round((lastReady - applyStarted - applySeconds * 1000) / 100) / 10 : null,
    readyMsFromOwnApply: { p50: percentile(times, 0.5), p99: percentile(times, 0.99) },
    operator: bundled ? `bundle ${process.env.BENCH_OPERATOR_NODE_OPTIONS ?? ''}`.trim() : 'running',
    operatorRssMb: { before: rssBefore, peak: rssPeak },
  }),
);
process.exit(readyAt.size === count ? 0 : 1);
