import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectProcessMetrics } from './process-metrics.js';

describe('process metrics', () => {
  it('report the event-loop lag the dashboards chart, and the process CPU and memory', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry);
    // The lag reads NaN until its first 100 ms sample; a loaded machine may take longer than that.
    const lagOf = (metrics: string) => Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(metrics)?.[1]);
    let text = await registry.metrics();
    for (let tries = 0; tries < 100 && Number.isNaN(lagOf(text)); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await registry.metrics();
    }
    for (const name of [
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_mean_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      expect(text).toContain(`${name} `);
    expect(lagOf(text)).toBeGreaterThan(0);
  });
});
