import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpuPerOperation } from './process-cpu.js';

const serverSource = `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono().get('/', (c) => c.json({ status: 'ok' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export interface BareHonoServer {
  readonly port: number;
  readonly pid: number;
  stop(): void;
}

/** A bare hono route in a process of its own, so that its CPU can be read from /proc. */
export async function startBareHonoServer(cwd: string): Promise<BareHonoServer> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', serverSource], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
      child.once('exit', (code) => reject(new Error(`the bare route's server exited (${code})`)));
    });
    return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

/** A GET of the bare route over a kept-alive connection of `agent`. */
export function bareGet(port: number, agent: Agent): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      response.resume();
      response.on('end', resolve);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * Requests per core-second of a bare hono route on this machine, now: the unit the cost of a booking is
 * expressed in ("bare-request equivalents"). The server runs in a process of its own, whose CPU is read.
 */
export async function bareHonoRequestsPerCoreSecond(cwd: string, requests = 4000): Promise<number> {
  const server = await startBareHonoServer(cwd);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const { serverMs } = await cpuPerOperation(requests, 8, [server.pid], () => bareGet(server.port, agent));
    return Math.round(1000 / Math.max(serverMs, 0.000_001));
  } finally {
    agent.destroy();
    server.stop();
  }
}
