import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { readCpu } from './process-cpu.js';

const serverSource = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono().get('/', (c) => c.json({ status: 'ok' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * Requests per core-second of a bare hono route on this machine, now: the unit the cost of a booking is
 * expressed in ("bare-request equivalents"). The server runs in a process of its own, whose CPU is read.
 */
export async function bareHonoRequestsPerCoreSecond(cwd: string, requests = 4000): Promise<number> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', serverSource], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
      child.once('exit', (code) => reject(new Error(`the bare route's server exited (${code})`)));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const get = () =>
      new Promise<void>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
          response.resume();
          response.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
    const pids = new Map([['bare', child.pid!]]);
    for (let i = 0; i < 200; i += 1) await get();
    const before = readCpu(pids)[0]!.cpuMs;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < requests) {
          sent += 1;
          await get();
        }
      }),
    );
    const cpuMs = readCpu(pids)[0]!.cpuMs - before;
    agent.destroy();
    return Math.round(requests / Math.max(cpuMs / 1000, 0.001));
  } finally {
    child.kill('SIGTERM');
  }
}
