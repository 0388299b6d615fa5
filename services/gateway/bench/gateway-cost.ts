import { type ChildProcess, fork } from 'node:child_process';
import { startTestAuthService } from '@urr/auth/testing';
import { applyLocalStackEnv } from '@urr/local-stack/stack-env';
import autocannon from 'autocannon';
import { startEchoUpstream } from '../src/testing/echo-upstream.js';

/**
 * `npm run bench:gateway`: what a proxied request costs the gateway next to its own `/health`. The gateway
 * runs in a process of its own (gateway-server.ts) in front of an echo upstream; for each target the
 * driver reads the gateway's CPU time (`process.cpuUsage`) before and after a timed load and reports CPU
 * ms per request and requests/s. Signed-in requests rotate over many users' tokens, each reused, as
 * browsers reuse theirs (and no user meets the rate limit). The last line is one JSON object.
 */
applyLocalStackEnv();
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const users = Number(process.env.BENCH_USERS ?? 200);

const echo = await startEchoUpstream();
const auth = await startTestAuthService();
const authServer = await auth.listen();
const gatewayProcess: ChildProcess = fork(new URL('./gateway-server.ts', import.meta.url).pathname, {
  execArgv: ['--import', 'tsx', ...(process.env.BENCH_GATEWAY_NODE_OPTIONS?.split(' ') ?? [])],
  env: { ...process.env, BENCH_UPSTREAM_URL: echo.url, BENCH_AUTH_URL: authServer.url },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});

function nextMessage<T>(key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the gateway exited with ${code}`));
    gatewayProcess.once('exit', onExit);
    const onMessage = (message: Record<string, unknown>) => {
      if (!(key in message)) return;
      gatewayProcess.off('message', onMessage);
      gatewayProcess.off('exit', onExit);
      resolve(message[key] as T);
    };
    gatewayProcess.on('message', onMessage);
  });
}

const gatewayUrl = await nextMessage<string>('url');
const gatewayCpu = async () => {
  const answer = nextMessage<NodeJS.CpuUsage>('cpu');
  gatewayProcess.send('cpu');
  return answer;
};

const tokens = await Promise.all(
  Array.from({ length: users }, async (_, index) => {
    const user = { id: crypto.randomUUID(), email: `bench-${index}@example.com`, role: 'user' as const };
    return (await auth.signer.sign(user)).token;
  }),
);

interface Target {
  readonly name: string;
  readonly path: string;
  readonly signedIn: boolean;
}
const eventId = crypto.randomUUID();
const allTargets: Target[] = [
  { name: 'gateway /health (its own route)', path: '/health', signedIn: false },
  { name: 'proxied GET, anonymous', path: '/api/v1/events', signedIn: false },
  { name: 'proxied GET, signed in', path: `/api/v1/events/${eventId}/seats`, signedIn: true },
];
/** `BENCH_ONLY=signed` runs the targets whose name contains it (e.g. to profile one). */
const targets = allTargets.filter((target) => target.name.includes(process.env.BENCH_ONLY ?? ''));

async function load(target: Target, duration: number) {
  let turn = 0;
  // Each client address is its own rate-limit bucket for anonymous requests (the gateway trusts one hop).
  const clientAddress = () => `10.${(turn >> 16) & 255}.${(turn >> 8) & 255}.${turn & 255}`;
  const result = await autocannon({
    url: `${gatewayUrl}${target.path}`,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          turn += 1;
          const headers = {
            ...request.headers,
            'x-forwarded-for': clientAddress(),
            ...(target.signedIn ? { authorization: `Bearer ${tokens[turn % tokens.length]}` } : {}),
          };
          return { ...request, headers };
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${target.name}: ${failed} requests failed`);
  return result;
}

const results = [];
for (const target of targets) {
  await load(target, 1);
  const before = await gatewayCpu();
  const result = await load(target, seconds);
  const after = await gatewayCpu();
  const cpuMs = (after.user - before.user + after.system - before.system) / 1000;
  const figures = {
    target: target.name,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    cpuMsPerRequest: Number((cpuMs / result.requests.total).toFixed(3)),
    latencyP99Ms: result.latency.p99,
  };
  console.log(
    `${figures.target.padEnd(34)} ${String(figures.requestsPerSecond).padStart(6)} req/s  ` +
      `${figures.cpuMsPerRequest.toFixed(3)} ms CPU/request  p99 ${figures.latencyP99Ms} ms`,
  );
  results.push(figures);
}

gatewayProcess.disconnect();
await echo.close();
await auth.close();
console.log(JSON.stringify({ connections, seconds, users, results }));
