import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/**
 * `npm run bench:vwr`: requests per second of the waiting room's check path (what every waiting browser
 * polls) next to a bare hono route on the same HTTP stack, measured in one run on loopback. The server runs
 * in a process of its own; each measurement is bounded in time. The last line is one JSON object.
 */
/** Seconds of load per target, split into rounds. */
const seconds = Number(process.env.BENCH_SECONDS ?? 9);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

const server = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./bench-server.ts', import.meta.url).pathname],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const firstLine = await new Promise<string>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  createInterface({ input: server.stdout! }).once('line', resolve);
});
const { checkUrl, bareUrl, cookie, assigned } = JSON.parse(firstLine) as {
  checkUrl: string;
  bareUrl: string;
  cookie: string;
  assigned: { status: string; position: number };
};

async function run(url: string, headers: Record<string, string>, duration: number) {
  const result = await autocannon({ url, connections, duration, headers });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} requests failed`);
  return result;
}

/**
 * The two targets take turns (bare, check, bare, check, …) so a change in the machine's load during the
 * run weighs on both alike; each figure is the mean over its rounds.
 */
async function measureInTurns() {
  const targets: { name: string; url: string; headers: Record<string, string> }[] = [
    { name: 'bare hono route', url: bareUrl, headers: {} },
    { name: 'vwr check (through edge)', url: checkUrl, headers: { cookie } },
  ];
  for (const target of targets) await run(target.url, target.headers, 1); // warm-up: JIT, sockets, counters cache
  const perRound = Math.max(1, Math.round(seconds / rounds));
  const samples = targets.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1)
    for (const [index, target] of targets.entries()) {
      const result = await run(target.url, target.headers, perRound);
      samples[index]!.push(result.requests.average);
      console.log(
        `round ${round + 1}  ${target.name.padEnd(26)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms`,
      );
    }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return { bare: mean(samples[0]!), check: mean(samples[1]!) };
}

try {
  console.log(
    `bench:vwr — ${connections} connections, ${rounds} rounds of ${Math.round(seconds / rounds)} s per target, loopback; a visitor waiting at position ${assigned.position}`,
  );
  const { bare, check } = await measureInTurns();
  const ratio = check / bare;
  console.log(
    `bare hono route ${bare.toFixed(0)} req/s, vwr check ${check.toFixed(0)} req/s: the check path runs at ${(ratio * 100).toFixed(1)} %`,
  );
  console.log(
    JSON.stringify({
      bench: 'vwr-check',
      checkRequestsPerSecond: Math.round(check),
      bareHonoRequestsPerSecond: Math.round(bare),
      ratio: Number(ratio.toFixed(3)),
      connections,
      secondsPerTarget: seconds,
    }),
  );
} finally {
  server.kill('SIGTERM');
}
