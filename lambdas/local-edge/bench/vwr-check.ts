import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

/**
 * `npm run bench:vwr`: requests per second of the waiting room's check path (what every waiting browser
 * polls) next to a bare hono route on the same HTTP stack, measured in one run on loopback. The server runs
 * in a process of its own; each measurement is bounded in time. The last line is one JSON object.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
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

async function measure(name: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections, duration: 1, headers }); // warm-up: JIT, sockets, counters cache
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const failed = result.non2xx + result.errors + result.timeouts;
  console.log(
    `${name.padEnd(28)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (${result.requests.total} requests, ${failed} failed)`,
  );
  if (failed > 0) throw new Error(`${name}: ${failed} requests failed`);
  return result.requests.average;
}

try {
  console.log(
    `bench:vwr — ${connections} connections, ${seconds} s each, loopback; a visitor waiting at position ${assigned.position}`,
  );
  const bare = await measure('bare hono route', bareUrl);
  const check = await measure('vwr check (through edge)', checkUrl, { cookie });
  const ratio = check / bare;
  console.log(`check path runs at ${(ratio * 100).toFixed(1)} % of a bare hono route`);
  console.log(
    JSON.stringify({
      bench: 'vwr-check',
      checkRequestsPerSecond: Math.round(check),
      bareHonoRequestsPerSecond: Math.round(bare),
      ratio: Number(ratio.toFixed(3)),
      connections,
      seconds,
    }),
  );
} finally {
  server.kill('SIGTERM');
}
