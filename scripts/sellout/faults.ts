import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type FaultName = 'psp-slow' | 'ticket-killed' | 'kafka-paused' | 'payment-killed' | 'redis-restarted';

/** One fault as the report shows it: when, what was done, how long until the part answered again. */
export interface FaultRecord {
  readonly name: FaultName;
  readonly description: string;
  readonly startedAt: number;
  /** When the fault was over (signal sent back, process restarted and healthy). */
  readonly endedAt: number;
  readonly recoveryMs: number;
  readonly error?: string;
}

export interface FaultPlan {
  readonly name: FaultName;
  /** Seconds after the opening. */
  readonly atSeconds: number;
}

/** The acceptance run's faults, spread over the busiest part of the sale (scaled to its arrival window). */
export function faultSchedule(arrivalSeconds: number): FaultPlan[] {
  const scale = Math.max(0.5, arrivalSeconds / 60);
  return [
    { name: 'psp-slow', atSeconds: 3 * scale },
    { name: 'ticket-killed', atSeconds: 10 * scale },
    { name: 'kafka-paused', atSeconds: 18 * scale },
    { name: 'payment-killed', atSeconds: 32 * scale },
    { name: 'redis-restarted', atSeconds: 42 * scale },
  ];
}

export interface FaultEnvironment {
  readonly repoDir: string;
  readonly pidDir: string;
  readonly progress: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pidOf(env: FaultEnvironment, name: string): number {
  const pid = Number(readFileSync(join(env.pidDir, `${name}.pid`), 'utf8').trim());
  if (!(pid > 0)) throw new Error(`no pid for ${name} in ${env.pidDir}`);
  return pid;
}

async function healthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${url} not healthy within ${timeoutMs / 1000} s`);
}

/** kill -9, then the stack's own start script brings it back (it starts what is not running). */
async function killAndRestart(env: FaultEnvironment, app: string, port: number): Promise<void> {
  process.kill(pidOf(env, app), 'SIGKILL');
  await sleep(300);
  await run('bash', [join(env.repoDir, 'scripts/apps.sh'), 'start'], {
    cwd: env.repoDir,
    maxBuffer: 16 << 20,
  });
  await healthy(`http://127.0.0.1:${port}/health`, 60_000);
}

/** Stops a process for a while (SIGSTOP / SIGCONT): it keeps its connections and answers nothing. */
async function pause(env: FaultEnvironment, name: string, ms: number): Promise<void> {
  const pid = pidOf(env, name);
  process.kill(pid, 'SIGSTOP');
  try {
    await sleep(ms);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

async function restartRedis(env: FaultEnvironment): Promise<void> {
  const script = join(env.repoDir, 'scripts/local-stack/redis.sh');
  await run('bash', [script, 'stop'], { cwd: env.repoDir });
  await run('bash', [script, 'start'], { cwd: env.repoDir });
}

const faults: Record<FaultName, { description: string; act: (env: FaultEnvironment) => Promise<void> }> = {
  'psp-slow': {
    description: 'the test PSP answers nothing for 10 s (stopped with SIGSTOP, then resumed)',
    act: (env) => pause(env, 'test-psp', 10_000),
  },
  'ticket-killed': {
    description: 'kill -9 of ticket-service, restarted by scripts/apps.sh',
    act: (env) => killAndRestart(env, 'ticket', 3002),
  },
  'kafka-paused': {
    description: 'the Kafka broker stopped for 20 s: consumers and outbox relays stall',
    act: (env) => pause(env, 'kafka', 20_000),
  },
  'payment-killed': {
    description: 'kill -9 of payment-service, restarted by scripts/apps.sh',
    act: (env) => killAndRestart(env, 'payment', 3003),
  },
  'redis-restarted': {
    description: 'Redis restarted (in memory only: Tier-2 lines and rate limits start empty)',
    act: (env) => restartRedis(env),
  },
};

/** Plays the faults at their times after `opensAt`; the sale goes on around them. */
export async function playFaults(
  env: FaultEnvironment,
  schedule: readonly FaultPlan[],
  opensAt: number,
  stopped: () => boolean,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const plan of schedule) {
    const due = opensAt + plan.atSeconds * 1000;
    while (Date.now() < due && !stopped()) await sleep(Math.min(250, due - Date.now()));
    if (stopped()) break;
    const fault = faults[plan.name];
    env.progress(`fault: ${plan.name} — ${fault.description}`);
    const startedAt = Date.now();
    let error: string | undefined;
    try {
      await fault.act(env);
    } catch (failure) {
      error = (failure as Error).message;
    }
    const endedAt = Date.now();
    records.push({
      name: plan.name,
      description: fault.description,
      startedAt,
      endedAt,
      recoveryMs: endedAt - startedAt,
      ...(error ? { error } : {}),
    });
  }
  return records;
}
