import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createServiceApp } from '../http/create-service-app.js';
import { captureLogs } from '../testing/log-capture.js';
import { initTracing, injectTraceHeaders } from './tracing.js';

initTracing({ serviceName: 'ticket-service' });

function appPassingTraceOn() {
  const logs = captureLogs('ticket-service');
  const app = createServiceApp({ name: 'ticket-service', logger: logs.logger, defaultMetrics: false });
  app.get('/api/v1/seats/:id', (c) =>
    c.json({
      recording: trace.getActiveSpan()?.isRecording() ?? null,
      traceparent: injectTraceHeaders().traceparent ?? null,
    }),
  );
  return { app, logs };
}

describe('tracing without a collector', () => {
  it('gives a trace that starts here ids for the logs and downstream, without recording a span', async () => {
    const { app, logs } = appPassingTraceOn();
    const answer = await (await app.request('/api/v1/seats/A1')).json();
    const traceId = logs.lines().at(-1)?.trace_id;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(answer).toEqual({
      recording: false,
      traceparent: expect.stringMatching(`^00-${traceId}-[0-9a-f]{16}-00$`),
    });
  });

  it("follows a caller's sampled trace and passes it on sampled", async () => {
    const { app, logs } = appPassingTraceOn();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await app.request('/api/v1/seats/A1', {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(await response.json()).toEqual({
      recording: true,
      traceparent: expect.stringMatching(`^00-${traceId}-[0-9a-f]{16}-01$`),
    });
    expect(logs.lines().at(-1)?.trace_id).toBe(traceId);
  });
});
