import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** CPU time (ms) of a process and every descendant, living or reaped, from /proc. */
export interface CpuReading {
  readonly name: string;
  readonly cpuMs: number;
}

const clockTicksPerSecond = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  readonly ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    return { pid, ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readStat(Number(name)) ?? []);
}

/** The processes to measure: `name → pid` from the stack's pid files (URR's services and the servers). */
export function pidsOf(pidDir: string, names: readonly string[]): Map<string, number> {
  const pids = new Map<string, number>();
  for (const name of names) {
    try {
      const pid = Number(readFileSync(join(pidDir, `${name}.pid`), 'utf8').trim());
      if (pid > 0) pids.set(name, pid);
    } catch {}
  }
  return pids;
}

/** CPU used so far by each named process tree (PostgreSQL's backends count for PostgreSQL). */
export function readCpu(pids: ReadonlyMap<string, number>): (CpuReading & { readonly pid: number })[] {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const treeTicks = (pid: number): number =>
    (byPid.get(pid)?.ticks ?? 0) +
    (children.get(pid) ?? []).reduce((sum, child) => sum + treeTicks(child.pid), 0);
  return [...pids].map(([name, pid]) => ({
    name,
    pid,
    cpuMs: (treeTicks(pid) * 1000) / clockTicksPerSecond,
  }));
}

/**
 * CPU spent by each named process since the meter started, read as often as `sample` is called: a process
 * killed and restarted (a new pid) adds what its successor used; what the old one used after the last
 * sample before it died is lost (at most one sample interval).
 */
export class CpuMeter {
  private readonly last = new Map<string, { pid: number; cpuMs: number }>();
  private readonly spent = new Map<string, number>();

  constructor(private readonly read: () => (CpuReading & { readonly pid: number })[]) {
    for (const reading of read()) {
      this.last.set(reading.name, reading);
      this.spent.set(reading.name, 0);
    }
  }

  sample(): void {
    for (const reading of this.read()) {
      const previous = this.last.get(reading.name);
      const delta =
        previous?.pid === reading.pid ? Math.max(0, reading.cpuMs - previous.cpuMs) : reading.cpuMs;
      this.spent.set(reading.name, (this.spent.get(reading.name) ?? 0) + delta);
      this.last.set(reading.name, reading);
    }
  }

  totals(): CpuReading[] {
    return [...this.spent].map(([name, cpuMs]) => ({ name, cpuMs }));
  }
}

/**
 * CPU per second each named process spends while nothing is asked of it, measured over `ms`: the standing
 * cost a sale pays for its whole length however many it sells.
 */
export async function standingCpu(
  read: () => (CpuReading & { readonly pid: number })[],
  ms: number,
): Promise<CpuReading[]> {
  const meter = new CpuMeter(read);
  await new Promise((resolve) => setTimeout(resolve, ms));
  meter.sample();
  return meter.totals().map(({ name, cpuMs }) => ({ name, cpuMs: (cpuMs * 1000) / ms }));
}

/** CPU milliseconds per operation: of this process (the client) and of the server processes named by pid. */
export interface CpuPerOperation {
  readonly clientMs: number;
  readonly serverMs: number;
}

/** CPU milliseconds used so far by the process trees of `pids`, together. */
export const treesCpuMs = (pids: readonly number[]) =>
  readCpu(new Map(pids.map((pid) => [String(pid), pid]))).reduce((sum, reading) => sum + reading.cpuMs, 0);

/**
 * Runs `operation` `count` times, `concurrency` at a time (each worker gets its number), after a warm-up
 * of up to 200 one after another, and returns the CPU per operation of this process and of `serverPids`.
 */
export async function cpuPerOperation(
  count: number,
  concurrency: number,
  serverPids: readonly number[],
  operation: (worker: number) => Promise<unknown>,
): Promise<CpuPerOperation> {
  for (let index = 0; index < Math.min(200, count); index += 1) await operation(index % concurrency);
  const serverBefore = treesCpuMs(serverPids);
  const clientBefore = process.cpuUsage();
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (started < count) {
        started += 1;
        await operation(worker);
      }
    }),
  );
  const client = process.cpuUsage(clientBefore);
  return {
    clientMs: (client.user + client.system) / 1000 / count,
    serverMs: (treesCpuMs(serverPids) - serverBefore) / count,
  };
}
