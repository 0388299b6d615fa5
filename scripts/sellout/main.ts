/**
 * `npm run sellout`: plays a whole opening against the running local stack, through the local edge, as
 * browsers would, with faults; then judges it from the databases and the PSP's books, and writes the
 * figures (JSON, last line of the output) and an HTML report. docs/adr/0037-the-sellout-harness.md
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inBatches } from '@urr/common/testing/in-batches';
import { seededRandom } from '@urr/common/testing/seeded-random';
import { tablesOf } from '@urr/vwr-shared/config';
import { CountersStore } from '@urr/vwr-shared/counters-store';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { Redis } from 'ioredis';
import { createApi } from '../../frontend/src/lib/api/client.js';
import {
  applyLocalStackEnv,
  localStackEndpoints,
  readLocalSettingsAndSecrets,
} from '../local-stack/stack-env.js';
import { bareHonoRequestsPerCoreSecond } from './bare-route.js';
import { type FanResult, planFan, playFan, playSkipper } from './fan.js';
import { fanAddress, fanFetch, type RequestRecord } from './fan-http.js';
import { faultSchedule, playFaults } from './faults.js';
import { runFigures } from './figures.js';
import { parseSelloutOptions } from './options.js';
import { CpuMeter, pidsOf, readCpu, standingCpu } from './process-cpu.js';
import { proofOfWorkPool } from './proof-of-work-pool.js';
import { renderReport } from './report.js';
import { chargesOf, openingsOf, paymentsOf, reservationsOf, seatsLeftOf } from './sale-records.js';
import { closeSale, setUpSale } from './sale-setup.js';
import { startSamplers } from './samplers.js';
import { type SaleRecords, saleVerdict } from './verdict.js';

const repoDir = resolve(import.meta.dirname, '../..');
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const started = Date.now();
const log = (line: string) =>
  console.log(`[sellout +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function requireStack(edgeUrl: string): Promise<void> {
  const ok = await fetch(`${edgeUrl}/health`, { signal: AbortSignal.timeout(3000) })
    .then((r) => r.ok)
    .catch(() => false);
  if (!ok)
    throw new Error(
      `the local edge (${edgeUrl}) does not answer: start the stack with \`npm start\`, then run this again`,
    );
}

const options = parseSelloutOptions(process.argv.slice(2));
const env = readLocalSettingsAndSecrets(stateDir);
applyLocalStackEnv();
const endpoints = localStackEndpoints();
await requireStack(options.edgeUrl);
const adminPassword = env.URR_DEMO_ADMIN_PASSWORD;
if (!adminPassword)
  throw new Error(
    `no URR_DEMO_ADMIN_PASSWORD in ${stateDir}/secrets.env: run \`npm start\` (it seeds the admin)`,
  );

const runId = `${Date.now().toString(36)}${options.seed.toString(36)}`;
const random = seededRandom(options.seed);
const requests: RequestRecord[] = [];
const record = (entry: RequestRecord) => requests.push(entry);
const apiFor = (index: number) => {
  const fetchAsFan = fanFetch({ localAddress: fanAddress(index), record });
  return { fetch: fetchAsFan, api: createApi({ baseUrl: options.edgeUrl, fetch: fetchAsFan }) };
};

log(
  `run ${runId}: ${options.fans} fans, ${options.seats} seats + ${options.standing} standing, faults ${options.faults ? 'on' : 'off'}, seed ${options.seed}`,
);
const organiser = apiFor(200_000).api;
await organiser.auth.login({ email: 'admin@urr.local', password: adminPassword });

// Fans sign up before the sale (their sign-up is not the sale's load); a few have a friend to hand tickets to
// (friends and the organiser have addresses of their own, above any fan's).
const plans = Array.from({ length: options.fans }, () => planFan(random, 0));
const skipperCount = Math.max(3, Math.round(options.fans / 100));
const accounts: { api: ReturnType<typeof apiFor>; userId: string }[] = [];
const friends = new Map<number, ReturnType<typeof apiFor>['api']>();
const signUp = async (index: number) => {
  const client = apiFor(index);
  const password = `sellout-${runId}-${index}`;
  const session = await client.api.auth.register({
    email: `fan-${index}-${runId}@sellout.urr.local`,
    password,
    displayName: `Fan ${index}`,
  });
  return { client, userId: session.account.id };
};
log(`signing up ${options.fans} fans, ${skipperCount} attackers who skip Tier 1, and friends for transfers`);
let signedUp = 0;
await inBatches(options.fans + skipperCount, 8, async (index) => {
  const { client, userId } = await signUp(index);
  accounts[index] = { api: client, userId };
  if (index < options.fans && plans[index]!.transfersAfter)
    friends.set(index, (await signUp(100_000 + index)).client.api);
  signedUp += 1;
  if (signedUp % 500 === 0) log(`signed up ${signedUp}`);
});

const processNames = [
  'gateway',
  'ticket',
  'payment',
  'queue',
  'auth',
  'catalog',
  'stats',
  'community',
  'edge',
  'ticket-worker',
  'operator',
  'postgres',
  'redis',
  'kafka',
  'aws',
  'test-psp',
];
const pidDir = join(stateDir, 'pids');
const readStackCpu = () => readCpu(pidsOf(pidDir, processNames));
let standingMsPerSecond: Awaited<ReturnType<typeof standingCpu>> | undefined;
if (options.idleSeconds > 0) {
  // The sign-ups' events settle first; what is left is the stack's standing cost (docs/adr/0037).
  await sleep(3000);
  log(`measuring the idle stack's CPU for ${options.idleSeconds} s (the standing cost a sale pays)`);
  standingMsPerSecond = await standingCpu(readStackCpu, options.idleSeconds * 1000);
}

const dynamo = createDynamoClient({
  region: endpoints.awsRegion,
  endpoint: endpoints.awsEndpoint,
});
const tables = tablesOf({
  VWR_COUNTERS_TABLE: env.VWR_COUNTERS_TABLE ?? 'urr-vwr-counters',
  VWR_POSITIONS_TABLE: env.VWR_POSITIONS_TABLE ?? 'urr-vwr-positions',
});
const opensAt = Date.now() + 15_000 + options.preQueueSeconds * 1000;
const sale = await setUpSale({
  organiser,
  runId,
  seats: options.seats,
  standing: options.standing,
  opensAt,
  fans: options.fans,
  namespace: 'default',
  progress: log,
});
// Each fan solves the door's challenge when they arrive, as their browser does; here one worker thread
// stands in for thousands of browsers' CPUs, which paces arrivals into Tier 1 at this machine's solving
// rate (docs/adr/0037-the-sellout-harness.md).
const proofOfWork = proofOfWorkPool(1);
const firstArrival = opensAt - options.preQueueSeconds * 1000;
const burstMs = Math.max(1000, (options.arrivalSeconds - options.preQueueSeconds) * 1000);
const arrivals = plans.map((plan) => ({
  ...plan,
  arrivesAt: random.chance(0.3)
    ? firstArrival + random.next() * (opensAt - firstArrival)
    : opensAt + random.next() ** 2 * burstMs,
}));

const state = { deadline: started + options.timeLimitSeconds * 1000, done: 0, booked: 0 };
const redis = new Redis(endpoints.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: false });
redis.on('error', () => {});
const sources = {
  postgresUrl: endpoints.postgresUrl,
  pspUrl: 'http://127.0.0.1:3099',
  pspApiKey: env.PSP_API_KEY ?? '',
};
const samplers = startSamplers({
  dynamo,
  tables,
  redis,
  eventIds: [sale.seated.eventId, ...(sale.standing ? [sale.standing.eventId] : [])],
  seatsLeft: () => seatsLeftOf(sources, sale.seated.performanceId),
});
const cpuMeter = new CpuMeter(readStackCpu);
const cpuMeterStartedAt = Date.now();
// The sale's CPU is what was spent up to its last booking (a run's tail of waiting fans is not its cost).
let cpuAtLastBooking = cpuMeter.totals();
let cpuAtLastBookingAt = cpuMeterStartedAt;
let bookedAtLastReading = 0;
const cpuWatch = setInterval(() => {
  cpuMeter.sample();
  if (state.booked === bookedAtLastReading) return;
  bookedAtLastReading = state.booked;
  cpuAtLastBooking = cpuMeter.totals();
  cpuAtLastBookingAt = Date.now();
}, 1000);

log(`pre-queue opens now; the sale opens at ${new Date(opensAt).toISOString()}`);
let stopFaults = false;
const faultsPlayed = options.faults
  ? playFaults(
      { repoDir, pidDir: join(stateDir, 'pids'), progress: log },
      faultSchedule(options.arrivalSeconds),
      opensAt,
      () => stopFaults,
    )
  : Promise.resolve([]);

const progress = setInterval(() => {
  const left = samplers.samples.seatsLeft.at(-1)?.value;
  const waiting = options.fans - state.done;
  const failed = requests.filter((r) => r.status >= 500 || r.status === 0).length;
  log(
    `t${Date.now() < opensAt ? '-' : '+'}${Math.abs(Math.round((Date.now() - opensAt) / 1000))}s · fans playing ${waiting} · done ${state.done} · booked ${state.booked} · seats left ${left ?? '?'} · requests ${requests.length} (failed ${failed})`,
  );
  if (left === 0 && state.deadline > Date.now() + 60_000) {
    state.deadline = Date.now() + 60_000;
    log(
      'the hall is sold out: fans still playing get 60 s more (a cancelled booking goes back on sale), then the run ends',
    );
  }
}, 5000);

/**
 * How long past the run's end a fan may still be busy (a request ends within its 20 s timeout): beyond it
 * the run stops waiting for the fan, so nothing in the harness can keep a run from ending.
 */
const overdueGraceMs = 120_000;
/** Resolves once the run's end is `overdueGraceMs` behind. */
const runOverdue = new Promise<void>((resolve) => {
  const watch = setInterval(() => {
    if (Date.now() <= state.deadline + overdueGraceMs) return;
    clearInterval(watch);
    resolve();
  }, 1000);
  watch.unref();
});

const results: (FanResult & { arrivesAt: number })[] = [];
const fanContext = (index: number) => ({
  api: accounts[index]!.api.api,
  fetch: accounts[index]!.api.fetch,
  edgeUrl: options.edgeUrl,
  solve: proofOfWork.solve,
  userId: accounts[index]!.userId,
  sale,
  plan: arrivals[index]!,
  random: seededRandom(options.seed * 100_003 + index),
  get deadline() {
    return state.deadline;
  },
  ...(friends.has(index) ? { friend: friends.get(index)! } : {}),
});
const skipperStatuses: number[] = [];
const skippers = Array.from({ length: skipperCount }, (_, i) => options.fans + i);
await Promise.all([
  ...arrivals.map(async (plan, index) => {
    await sleep(Math.max(0, plan.arrivesAt - Date.now()));
    const result = await Promise.race([
      playFan(fanContext(index)),
      runOverdue.then(
        (): FanResult => ({
          userId: accounts[index]!.userId,
          outcome: 'gave-up',
          error: `still playing ${overdueGraceMs / 1000} s after the run's end`,
        }),
      ),
    ]);
    if (result.bookedAt) state.booked += 1;
    state.done += 1;
    results.push({ ...result, arrivesAt: plan.arrivesAt });
  }),
  ...skippers.map(async (index) => {
    await sleep(Math.max(0, opensAt + 5000 - Date.now()));
    skipperStatuses.push(...(await playSkipper(fanContext(index))));
  }),
]);
clearInterval(progress);
clearInterval(cpuWatch);
await proofOfWork.close();
const cpu = cpuAtLastBooking;
stopFaults = true;
const faults = await faultsPlayed;
log(`every fan is done: ${state.booked} booked; settling (late payments, expiring holds) before the verdict`);

const eventIds = [sale.seated.eventId, ...(sale.standing ? [sale.standing.eventId] : [])];
const tier1 = results.flatMap((r) => (r.tier1 ? [r.tier1] : []));
const openings = await openingsOf(new CountersStore(dynamo, tables), eventIds);
const recordsNow = async (): Promise<SaleRecords> => {
  const payments = await paymentsOf(sources, eventIds);
  return {
    seats: sale.seated.seats,
    reservations: await reservationsOf(sources, eventIds),
    payments,
    charges: await chargesOf(sources, payments),
    standing: sale.standing
      ? [{ ticketTypeId: sale.standing.ticketTypeId, quantity: sale.standing.quantity }]
      : [],
    tier1,
    openings,
    servingCounter: samplers.samples.servingCounter,
    tier2Active: samplers.samples.tier2Active,
    maxUsers: sale.maxUsers,
    cycleMs: sale.cycleSeconds * 1000,
    skippers: skippers.map((index) => accounts[index]!.userId),
  };
};
const settleDeadline = Date.now() + 90_000;
let violations = saleVerdict(await recordsNow());
while (
  violations.some((v) => v.rule === 'capture-without-booking' || v.rule === 'booking-without-one-capture') &&
  Date.now() < settleDeadline
) {
  await sleep(3000);
  violations = saleVerdict(await recordsNow());
}
await samplers.stop();
const unsampled = [
  ...Object.entries(samplers.samples.servingCounter).map(
    ([id, s]) => [`Tier-1 serving counter of ${id}`, s] as const,
  ),
  ...Object.entries(samplers.samples.tier2Active).map(
    ([id, s]) => [`Tier-2 active users of ${id}`, s] as const,
  ),
  ['seats left', samplers.samples.seatsLeft] as const,
].filter(([, samples]) => samples.length === 0);
for (const [what] of unsampled) log(`NOT JUDGED: no sample of the ${what} could be read during the run`);
const refused = skipperStatuses.filter((status) => status >= 300 && status < 500).length;
log(
  `attackers who skipped Tier 1: ${refused} of ${skipperStatuses.length} tries refused (statuses ${[...new Set(skipperStatuses)].join(', ')})`,
);

log("measuring a bare hono route on this machine (the unit of a booking's cost)");
const bare = await bareHonoRequestsPerCoreSecond(repoDir, 8000).catch(() => null);
const fans = results.map((r) => ({
  outcome: r.outcome,
  arrivesAt: r.arrivesAt,
  ...(r.waitMs !== undefined ? { waitMs: r.waitMs } : {}),
  ...(r.bookedAt !== undefined ? { bookedAt: r.bookedAt } : {}),
}));
const figures = runFigures({
  opensAt,
  fans,
  requests,
  faults,
  cpu,
  ...(standingMsPerSecond
    ? {
        standing: {
          msPerSecond: standingMsPerSecond,
          windowSeconds: (cpuAtLastBookingAt - cpuMeterStartedAt) / 1000,
        },
      }
    : {}),
  seatsLeft: samplers.samples.seatsLeft,
  bareRequestsPerCoreSecond: bare,
});
const outDir = resolve(repoDir, options.outDir);
mkdirSync(outDir, { recursive: true });
const reportPath = join(outDir, `sellout-${runId}.html`);
writeFileSync(
  reportPath,
  renderReport({
    title: `URR sell-out run ${runId}`,
    opensAt,
    seatedEventId: sale.seated.eventId,
    figures,
    violations,
    faults,
    requests,
    fans,
    tier1,
    samples: samplers.samples,
    settings: {
      fans: options.fans,
      seats: options.seats,
      standing: options.standing,
      faults: options.faults,
      seed: options.seed,
    },
  }),
);
const errors = results.filter((r) => r.outcome === 'error');
for (const error of errors.slice(0, 10)) log(`fan ${error.userId}: ${error.error}`);
await closeSale(sale, 'default').catch(() => undefined);
redis.disconnect();
dynamo.destroy();
log(`report: ${reportPath}`);
for (const v of violations) log(`VIOLATION ${v.rule}: ${v.detail}`);
const summary = {
  runId,
  verdict: violations.length === 0 ? 'holds' : 'violated',
  violations: violations.length,
  report: reportPath,
  ...figures,
  faults: faults.map((f) => ({
    name: f.name,
    recoveryMs: f.recoveryMs,
    ...(f.error ? { error: f.error } : {}),
  })),
};
writeFileSync(join(outDir, `sellout-${runId}.json`), `${JSON.stringify(summary, null, 2)}\n`);
writeFileSync(
  join(outDir, `sellout-${runId}.records.json`),
  JSON.stringify({ opensAt, sale, results, skipperStatuses, samples: samplers.samples, faults, violations }),
);
console.log(JSON.stringify(summary));
process.exit(violations.length === 0 && unsampled.length === 0 && state.booked > 0 ? 0 : 1);
