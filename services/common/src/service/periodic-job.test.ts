import { describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { periodicJob } from './periodic-job.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('periodicJob', () => {
  it('runs at start, one run at a time, goes on after a failure, and stop waits for the run in progress', async () => {
    const { logger, lines } = captureLogs('periodic-test');
    let runs = 0;
    let concurrent = 0;
    let mostConcurrent = 0;
    let finished = 0;
    const job = periodicJob({
      name: 'test-job',
      intervalMs: 5,
      logger,
      run: async () => {
        runs += 1;
        concurrent += 1;
        mostConcurrent = Math.max(mostConcurrent, concurrent);
        await settle(10);
        concurrent -= 1;
        finished += 1;
        if (runs === 2) throw new Error('boom');
      },
    });
    job.start();
    job.start();
    expect(runs).toBe(1);
    while (runs < 4) await settle(5);
    await job.stop();
    const stoppedAt = runs;
    expect(finished).toBe(runs);
    await settle(40);
    expect(runs).toBe(stoppedAt);
    expect(mostConcurrent).toBe(1);
    expect(
      lines().filter((line) => line.msg === 'test-job failed; retrying at the next interval'),
    ).toHaveLength(1);
  });
});
