/**
 * `npm run bench:reserve`: the latency of holding a seat (`POST /api/v1/seats/reserve`) through the running
 * local stack's gateway at a number of concurrent fans. Creates a hall event of its own, signs fans up and
 * gets each through the Tier-2 queue, then for a bounded time each fan reserves a free seat as the web app
 * sends it and cancels the hold again, over and over. Prints progress, the reserve call's p50/p90/p99/max and
 * reserves/s (the cancel's too), the CPU each process of the path spent per reserve and cancel, and how busy
 * the cores were (the path, the bench, other work on a shared machine); the last line is one JSON object. Afterwards the fans leave the queue and
 * the event is cancelled (it has reservations, so the admin API does not delete it).
 *
 * `npm run bench:reserve -- --fans 8 --seconds 20` (or BENCH_FANS, BENCH_SECONDS; BENCH_ACCOUNTS sizes the
 * account pool). docs/adr/0051-seat-reserve-latency.md
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inBatches } from '@urr/common/testing/in-batches';
import { readLocalSettingsAndSecrets } from '@urr/local-stack/stack-env';
import { createApi } from '../../../frontend/src/lib/api/client.js';
import { ApiProblem } from '../../../frontend/src/lib/api/problem.js';
import { fanAddress, fanFetch, type RequestRecord } from '../../../scripts/sellout/fan-http.js';
import { pidsOf, readCpu } from '../../../scripts/sellout/process-cpu.js';
import { summarizeLatencies } from './latency-summary.js';

const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const gatewayUrl = 'http://127.0.0.1:3001';

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}
function wholeNumber(name: string, value: string | undefined, fallback: number, max: number): number {
  const number = Number(value ?? fallback);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`${name} takes 1 to ${max}`);
  return number;
}

const fans = wholeNumber('--fans', argument('fans') ?? process.env.BENCH_FANS, 32, 256);
const seconds = wholeNumber('--seconds', argument('seconds') ?? process.env.BENCH_SECONDS, 20, 300);
const warmUpSeconds = 2;
/** A fan's holds per account: two booking writes each (reserve, cancel), within the gateway's 30 a minute. */
const reservesPerAccount = 14;
/** Enough accounts for about 25 reserves/s per fan up to 250/s, so that no fan meets the rate limit. */
const accountCount = wholeNumber(
  'BENCH_ACCOUNTS',
  process.env.BENCH_ACCOUNTS,
  Math.ceil(((seconds + warmUpSeconds) * Math.min(fans * 25, 250)) / reservesPerAccount),
  5000,
);
const seatCount = Math.max(200, Math.ceil(fans / 20) * 20 * 10);

const started = Date.now();
const log = (line: string) =>
  console.error(`[bench:reserve +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time all cores spent busy so far (from /proc/stat), and how many cores there are. */
function machineCpuMs(): { readonly busyMs: number; readonly cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const [, ...ticks] = lines[0]!.trim().split(/\s+/).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const all = ticks.slice(0, 8).reduce((sum, tick) => sum + tick, 0);
  const cores = lines.filter((line) => /^cpu\d+ /.test(line)).length;
  return { busyMs: ((all - idle) * 1000) / 100, cores };
}

const reserveRoute = 'POST /api/v1/seats/reserve';
const cancelRoute = 'POST /api/v1/reservations/:id/cancel';
const measured: { reserve: number[]; cancel: number[] } = { reserve: [], cancel: [] };
const failures = new Map<string, number>();
let measuring = false;
const record = (entry: RequestRecord) => {
  if (!measuring) return;
  const ok = entry.status >= 200 && entry.status < 300;
  if (ok && entry.route === reserveRoute) measured.reserve.push(entry.ms);
  else if (ok && entry.route === cancelRoute) measured.cancel.push(entry.ms);
  else if (!ok) {
    const key = `${entry.route} ${entry.status}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
};
/** A client of its own (address, cookie jar) per account, as each fan has their own browser. */
const clientFor = (index: number) =>
  createApi({ baseUrl: gatewayUrl, fetch: fanFetch({ localAddress: fanAddress(150_000 + index), record }) });
type Client = ReturnType<typeof clientFor>;

const healthy = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(3000) })
  .then((response) => response.ok)
  .catch(() => false);
if (!healthy) throw new Error(`the gateway (${gatewayUrl}) does not answer: start the stack with npm start`);
const secrets = readLocalSettingsAndSecrets(stateDir);
if (!secrets.URR_DEMO_ADMIN_PASSWORD)
  throw new Error(
    `no URR_DEMO_ADMIN_PASSWORD in ${stateDir}/secrets.env: run npm start (it seeds the admin)`,
  );

const runId = Date.now().toString(36);
log(`run ${runId}: ${fans} fans for ${seconds} s (after ${warmUpSeconds} s warm-up), ${seatCount} seats`);
const organiser = clientFor(0);
await organiser.auth.login({ email: 'admin@urr.local', password: secrets.URR_DEMO_ADMIN_PASSWORD });
const venue = await organiser.admin.createVenue({ name: `Bench Hall ${runId}`, city: 'Seoul' });
const artist = await organiser.admin.createArtist({ name: `Bench Artist ${runId}` });
const event = await organiser.admin.createEvent({
  title: `Reserve bench ${runId}`,
  category: 'concert',
  artistId: artist.id,
  venueId: venue.id,
  kind: 'seated',
  salesOpenAt: new Date(Date.now() - 60_000).toISOString(),
  salesCloseAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
  maxTicketsPerReservation: 4,
  maxHeldTicketsPerAccount: 4,
  performances: [{ startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString() }],
});
const rows = Array.from({ length: seatCount / 20 }, (_, index) => ({
  label: `R${index + 1}`,
  seats: 20,
  grade: index < 2 ? 'VIP' : 'R',
}));
await organiser.admin.setSeatMap(event.id, {
  grades: [
    { name: 'VIP', price: 165_000 },
    { name: 'R', price: 99_000 },
  ],
  sections: [{ name: 'Floor', rows }],
});
await organiser.admin.publish(event.id, 'on-sale');
log(`event ${event.id} on sale; waiting for the catalog to know it (the queue asks it)`);
for (let tries = 0; ; tries += 1) {
  try {
    await organiser.catalog.event(event.id);
    break;
  } catch (error) {
    if (tries > 120) throw error;
    await sleep(500);
  }
}

/** Signs a fan up and gets them through the Tier-2 queue: the entry pass cookie is in their jar after. */
async function admittedFan(index: number): Promise<Client> {
  const client = clientFor(index);
  await client.auth.register({
    email: `bench-reserve-${runId}-${index}@bench.urr.local`,
    password: `bench-reserve-${runId}-${index}`,
    displayName: `Bench fan ${index}`,
  });
  let state = await client.queue.enter(event.id);
  for (let polls = 0; state.state !== 'admitted'; polls += 1) {
    if (polls > 600) throw new Error(`fan ${index} was not admitted by the queue within a minute`);
    await sleep(100);
    state = await client.queue.status(event.id);
  }
  return client;
}

log(`signing up ${accountCount} fans and getting them through the Tier-2 queue`);
const accounts: Client[] = [];
await inBatches(accountCount, 8, async (index) => {
  accounts.push(await admittedFan(index + 1));
  if (accounts.length % 100 === 0) log(`${accounts.length} fans admitted`);
});

const { seats } = await organiser.booking.seats(event.id);
const seatIds = seats.map((seat) => seat.id);
const held = new Map<string, Client>();
const state = { ranOutOfAccounts: false, reserves: 0, errors: [] as string[] };
let nextAccount = 0;

/**
 * One fan: reserves a seat of their own share of the hall (the seat map shows it free), then cancels the
 * hold, until the end; after `reservesPerAccount` holds the next account takes over.
 */
async function playFan(slot: number, until: number) {
  const mySeats = seatIds.filter((_, index) => index % fans === slot);
  let client: Client | undefined;
  let used = reservesPerAccount;
  for (let turn = 0; Date.now() < until; turn += 1) {
    if (used >= reservesPerAccount) {
      client = accounts[nextAccount++];
      used = 0;
      if (!client) {
        state.ranOutOfAccounts = true;
        return;
      }
    }
    const seatId = mySeats[turn % mySeats.length]!;
    try {
      const reservation = await client!.booking.reserveSeats(event.id, [seatId]);
      used += 1;
      state.reserves += 1;
      held.set(reservation.id, client!);
      await client!.reservations.cancel(reservation.id);
      held.delete(reservation.id);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 429) used = reservesPerAccount;
      if (state.errors.length < 10)
        state.errors.push(
          error instanceof ApiProblem ? `${error.status} ${error.problem.type}` : String(error),
        );
      await sleep(50);
    }
  }
}

const fanSlots = Array.from({ length: fans }, (_, slot) => slot);
log(`warm-up: ${fans} fans for ${warmUpSeconds} s`);
await Promise.all(fanSlots.map((slot) => playFan(slot, Date.now() + warmUpSeconds * 1000)));
log(`measuring: ${fans} fans for ${seconds} s`);
const pathProcesses = pidsOf(join(stateDir, 'pids'), ['gateway', 'ticket', 'payment', 'postgres', 'redis']);
const cpuBefore = readCpu(pathProcesses);
const machineBefore = machineCpuMs();
const benchCpuBeforeMs = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
measuring = true;
const measuredFrom = performance.now();
const progress = setInterval(() => {
  const elapsed = (performance.now() - measuredFrom) / 1000;
  const now = summarizeLatencies(measured.reserve);
  log(
    `${measured.reserve.length} reserves (${(measured.reserve.length / elapsed).toFixed(0)}/s) · p50 ${now.p50Ms} ms · p99 ${now.p99Ms} ms · failed ${[...failures.values()].reduce((a, b) => a + b, 0)}`,
  );
}, 2000);
await Promise.all(fanSlots.map((slot) => playFan(slot, Date.now() + seconds * 1000)));
const measuredSeconds = (performance.now() - measuredFrom) / 1000;
measuring = false;
clearInterval(progress);
const cpuAfter = readCpu(pathProcesses);
const machineAfter = machineCpuMs();
/** How busy the machine's cores were while measuring: the path, this bench, and everything else. */
const cpuShare = (ms: number) => Math.round((ms / (measuredSeconds * 1000 * machineAfter.cores)) * 100);
const pathMs = cpuAfter.reduce(
  (sum, after) => sum + after.cpuMs - (cpuBefore.find((r) => r.name === after.name)?.cpuMs ?? after.cpuMs),
  0,
);
const benchMs = (process.cpuUsage().user + process.cpuUsage().system) / 1000 - benchCpuBeforeMs;
const machineBusy = {
  percent: cpuShare(machineAfter.busyMs - machineBefore.busyMs),
  pathPercent: cpuShare(pathMs),
  benchPercent: cpuShare(benchMs),
};
/** CPU ms each process spent per reserve (with its cancel) while measuring; others' load counts too. */
const cpuMsPerReserve = Object.fromEntries(
  cpuAfter.map((after) => {
    const before = cpuBefore.find((reading) => reading.name === after.name)?.cpuMs ?? after.cpuMs;
    return [
      after.name,
      Math.round(((after.cpuMs - before) / Math.max(1, measured.reserve.length)) * 100) / 100,
    ];
  }),
);

const reserve = summarizeLatencies(measured.reserve);
const cancel = summarizeLatencies(measured.cancel);
const reservesPerSecond = Math.round((measured.reserve.length / measuredSeconds) * 10) / 10;
const line = (name: string, figures: typeof reserve) =>
  `${name.padEnd(8)} ${String(figures.count).padStart(6)} calls  p50 ${figures.p50Ms} ms  p90 ${figures.p90Ms} ms  p99 ${figures.p99Ms} ms  max ${figures.maxMs} ms`;
console.log(line('reserve', reserve));
console.log(line('cancel', cancel));
console.log(
  `${reservesPerSecond} reserves/s at ${fans} concurrent fans over ${measuredSeconds.toFixed(1)} s`,
);
console.log(
  `CPU per reserve and its cancel: ${Object.entries(cpuMsPerReserve)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join(', ')}`,
);
console.log(
  `cores busy ${machineBusy.percent}%: the path ${machineBusy.pathPercent}%, this bench ${machineBusy.benchPercent}%, the rest other work`,
);
for (const [what, count] of failures) log(`failed: ${what} × ${count}`);
for (const error of state.errors) log(`error: ${error}`);
if (state.ranOutOfAccounts)
  log(`the ${accountCount} accounts ran out before the end: raise BENCH_ACCOUNTS (figures cover less time)`);

log(`cleaning up: ${held.size} holds left, fans leave the queue, the event is cancelled`);
for (const [id, client] of held) await client.reservations.cancel(id).catch(() => undefined);
await inBatches(accounts.length, 16, async (index) => {
  await accounts[index]!.queue.leave(event.id).catch(() => undefined);
});
await organiser.organiser.events.update(event.id, { status: 'cancelled' }).catch((error: unknown) => {
  log(`could not cancel event ${event.id}: ${String(error)}`);
});
console.log(
  JSON.stringify({
    fans,
    seconds: Math.round(measuredSeconds * 10) / 10,
    accounts: accountCount,
    eventId: event.id,
    reserve,
    reservesPerSecond,
    cancel,
    cpuMsPerReserve,
    machineBusy,
    failed: Object.fromEntries(failures),
    ranOutOfAccounts: state.ranOutOfAccounts,
  }),
);
process.exit(0);
