import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/**
 * `npm run bench:vwr`: requests per second of the waiting room's check path (what every waiting browser
 * polls) next to a bare hono route on the same HTTP stack, measured in one run on loopback, and the server's
 * CPU time per request of each (steadier than requests per second on a machine busy with other work). The
 * server runs in a process of its own; each measurement is bounded in time. The last line is one JSON object.
 */
/** Seconds of load per target, split into rounds. */
const seconds = Number(process.env.BENCH_SECONDS ?? 9);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const server = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./bench-server.ts', import.meta.url).pathname],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const serverLines = createInterface({ input: server.stdout! })[Symbol.asyncIterator]();
const nextLine = async () => {
  const line = await serverLines.next();
  if (line.done) throw new Error('the bench server stopped');
  return line.value;
};
const firstLine = await Promise.race([
  nextLine(),
  new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`))),
  ),
]);
/** The server's CPU time so far (user + system), in microseconds. */
async function serverCpuMicros(): Promise<number> {
  server.stdin!.write('cpu\n');
  return (JSON.parse(await nextLine()) as { cpuMicros: number }).cpuMicros;
}
const { checkUrl, bareUrl, cookie, assigned, preQueueCheckUrl, preQueueCookie, preQueuePosition } =
  JSON.parse(firstLine) as {
    checkUrl: string;
    bareUrl: string;
    cookie: string;
    assigned: { status: string; position: number };
    preQueueCheckUrl: string;
    preQueueCookie: string;
    preQueuePosition: number;
  };

async function run(url: string, headers: Record<string, string>, duration: number) {
  const cpuBefore = await serverCpuMicros();
  const result = await autocannon({ url, connections, duration, headers });
  const cpuMicros = (await serverCpuMicros()) - cpuBefore;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} requests failed`);
  return { result, cpuMicrosPerRequest: cpuMicros / result.requests.total };
}

/**
 * The targets take turns (bare, check, pre-queue check, bare, …) so a change in the machine's load during
 * the run weighs on all alike; each figure is the mean over its rounds.
 */
async function measureInTurns() {
  const targets: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: 'bare hono route', url: bareUrl, headers: {} },
    { name: 'vwr check (through edge)', url: checkUrl, headers: { cookie } },
    { name: 'vwr check, pre-queue fan', url: preQueueCheckUrl, headers: { cookie: preQueueCookie } },
  ];
  for (const target of targets) await run(target.url, target.headers, 1); // warm-up: JIT, sockets, counters cache
  const perRound = Math.max(1, Math.round(seconds / rounds));
  const samples = targets.map(() => ({ rates: [] as number[], cpu: [] as number[] }));
  for (let round = 0; round < rounds; round += 1)
    for (const [index, target] of targets.entries()) {
      const { result, cpuMicrosPerRequest } = await run(target.url, target.headers, perRound);
      samples[index]!.rates.push(result.requests.average);
      samples[index]!.cpu.push(cpuMicrosPerRequest);
      console.log(
        `round ${round + 1}  ${target.name.padEnd(26)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  server CPU ${cpuMicrosPerRequest.toFixed(1)} µs/request`,
      );
    }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [bare, check, preQueueCheck] = samples.map(({ rates, cpu }) => ({
    rate: mean(rates),
    cpu: mean(cpu),
  }));
  return { bare: bare!, check: check!, preQueueCheck: preQueueCheck! };
}

try {
  console.log(
    `bench:vwr — ${connections} connections, ${rounds} rounds of ${Math.round(seconds / rounds)} s per target, loopback; a visitor waiting at position ${assigned.position}, a pre-queue fan at ${preQueuePosition} of a sealed pre-queue`,
  );
  const { bare, check, preQueueCheck } = await measureInTurns();
  const ratio = check.rate / bare.rate;
  const preQueueRatio = preQueueCheck.rate / bare.rate;
  console.log(
    `bare hono route ${bare.rate.toFixed(0)} req/s, vwr check ${check.rate.toFixed(0)} req/s: the check path runs at ${(ratio * 100).toFixed(1)} % (a pre-queue fan's: ${preQueueCheck.rate.toFixed(0)} req/s, ${(preQueueRatio * 100).toFixed(1)} %)`,
  );
  console.log(
    `server CPU per request: bare hono route ${bare.cpu.toFixed(1)} µs, vwr check ${check.cpu.toFixed(1)} µs (${(check.cpu / bare.cpu).toFixed(2)} times the bare route's), a pre-queue fan's ${preQueueCheck.cpu.toFixed(1)} µs (${(preQueueCheck.cpu / bare.cpu).toFixed(2)} times)`,
  );
  console.log(
    JSON.stringify({
      bench: 'vwr-check',
      checkRequestsPerSecond: Math.round(check.rate),
      bareHonoRequestsPerSecond: Math.round(bare.rate),
      ratio: Number(ratio.toFixed(3)),
      checkCpuMicrosPerRequest: Number(check.cpu.toFixed(1)),
      bareHonoCpuMicrosPerRequest: Number(bare.cpu.toFixed(1)),
      preQueueCheckRequestsPerSecond: Math.round(preQueueCheck.rate),
      preQueueRatio: Number(preQueueRatio.toFixed(3)),
      preQueueCheckCpuMicrosPerRequest: Number(preQueueCheck.cpu.toFixed(1)),
      connections,
      secondsPerTarget: seconds,
    }),
  );
} finally {
  server.kill('SIGTERM');
}
