import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectProcessMetrics } from './process-metrics.js';

describe('process metrics', () => {
  it('report the event-loop lag the dashboards chart, and the process CPU and memory', async () => {
    const registry = new Registry();
    collectProcessMetrics(registry);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const text = await registry.metrics();
    for (const name of [
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_eventloop_lag_mean_seconds',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      expect(text).toContain(`${name} `);
    const lag = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1];
    expect(Number(lag)).toBeGreaterThan(0);
  });
});
