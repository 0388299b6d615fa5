import { collectDefaultMetrics, type Registry } from 'prom-client';

/**
 * prom-client's process metrics (CPU, memory, heap, GC, event-loop lag), with the event loop's delay
 * sampled every 100 ms instead of every 10 ms: the default timer wakes an idle process 100 times a second,
 * about 3 ms of CPU a second per process, for a lag percentile that 10 samples a second measure as well
 * (docs/adr/0061-event-loop-lag-sampled-every-100-ms.md).
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
}
