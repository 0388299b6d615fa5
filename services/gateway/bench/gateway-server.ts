import { startTestGateway } from '../src/testing/test-gateway.js';

/**
 * The gateway under `npm run bench:gateway`, in a process of its own so its CPU time is its alone: wired as
 * `main.ts` wires it (access log on), every service at the upstream the driver names. It tells the driver
 * its URL over IPC and answers `cpu` with `process.cpuUsage()`.
 */
const upstream = process.env.BENCH_UPSTREAM_URL!;
const gateway = await startTestGateway({
  upstreams: { auth: process.env.BENCH_AUTH_URL!, ticket: upstream, catalog: upstream },
  env: { LOG_LEVEL: 'info' },
});
process.on('message', (message) => {
  if (message === 'cpu') process.send!({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => void gateway.close());
process.send!({ url: gateway.url });
