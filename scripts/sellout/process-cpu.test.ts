import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CpuMeter, cpuPerOperation, readCpu } from './process-cpu.js';

describe('CPU per process', () => {
  it("counts a process tree's CPU, its children's included", async () => {
    // A fixed amount of work in a child, not a fixed time: a loaded machine only makes it take longer.
    const parent = spawn(
      'bash',
      ['-c', `bash -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; sleep 30`],
      {
        stdio: 'ignore',
      },
    );
    try {
      const deadline = Date.now() + 20_000;
      let cpuMs = 0;
      while (cpuMs <= 100 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        cpuMs = readCpu(new Map([['busy', parent.pid!]]))[0]?.cpuMs ?? 0;
      }
      expect(cpuMs).toBeGreaterThan(100);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('keeps what a killed process spent and adds what its successor spends', () => {
    const readings = [
      [{ name: 'ticket', pid: 10, cpuMs: 500 }],
      [{ name: 'ticket', pid: 10, cpuMs: 800 }],
      [{ name: 'ticket', pid: 22, cpuMs: 150 }],
      [{ name: 'ticket', pid: 22, cpuMs: 400 }],
    ];
    let next = 0;
    const meter = new CpuMeter(() => readings[next++]!);
    meter.sample();
    meter.sample();
    meter.sample();
    expect(meter.totals()).toEqual([{ name: 'ticket', cpuMs: 300 + 150 + 250 }]);
  });

  it('gives the CPU per operation of a fixed amount of work, each worker by its own number', async () => {
    const workers = new Set<number>();
    // About 2 ms of CPU an operation, whatever the machine's load does to the wall time.
    const burn = async (worker: number) => {
      workers.add(worker);
      const started = process.cpuUsage();
      for (;;) {
        const spent = process.cpuUsage(started);
        if (spent.user + spent.system >= 2000) break;
      }
    };
    const cost = await cpuPerOperation(50, 3, [], burn);
    expect(cost.clientMs).toBeGreaterThanOrEqual(2);
    expect(cost.clientMs).toBeLessThan(20);
    expect(cost.serverMs).toBe(0);
    expect([...workers].sort()).toEqual([0, 1, 2]);
  });
});
