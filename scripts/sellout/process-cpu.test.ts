import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CpuMeter, readCpu } from './process-cpu.js';

describe('CPU per process', () => {
  it("counts a process tree's CPU, its children's included", async () => {
    const parent = spawn('bash', ['-c', 'timeout 0.6 bash -c "while :; do :; done"; sleep 5'], {
      stdio: 'ignore',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const [reading] = readCpu(new Map([['busy', parent.pid!]]));
      expect(reading?.cpuMs).toBeGreaterThan(100);
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
});
