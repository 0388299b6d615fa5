import { describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/log-capture.js';
import { readJson } from '../testing/read-json.js';
import { createServiceApp } from './create-service-app.js';
import { callerIdleSocketTimeoutMs, keepAliveTimeoutMs } from './keep-alive.js';
import { startServer } from './start-server.js';

describe('startServer', () => {
  it('on shutdown lets a slow in-flight request finish, refuses new connections, then closes clients', async () => {
    const { logger } = captureLogs();
    const app = createServiceApp({ name: 'slow-service', logger, defaultMetrics: false });
    const events: string[] = [];
    let releaseSlow: () => void = () => {};
    let slowStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    app.get('/slow', async (c) => {
      slowStarted();
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      events.push('slow handler returned');
      return c.json({ finished: true });
    });
    const server = await startServer({
      app,
      port: 0,
      logger,
      handleSignals: false,
      drainDelayMs: 300,
      onShutdown: async () => {
        events.push('clients closed');
      },
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);

    const slow = fetch(`${server.url}/slow`).then(async (response) => ({
      status: response.status,
      body: await readJson(response),
    }));
    await started;
    const shutdown = server.shutdown().then(() => events.push('shutdown done'));

    // During the drain delay the process still listens but tells the load balancer it is not ready.
    const readyWhileDraining = await fetch(`${server.url}/ready`, { headers: { connection: 'close' } });
    expect(readyWhileDraining.status).toBe(503);
    expect((await readJson(readyWhileDraining)).detail).toBe('slow-service is shutting down');

    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    expect(events).toEqual([]);
    releaseSlow();
    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    await shutdown;
    expect(events).toEqual(['slow handler returned', 'clients closed', 'shutdown done']);
  });
});

describe('keep-alive', () => {
  it('keeps an idle connection open longer than its callers do (the gateway closes first, at 30 s)', async () => {
    const { logger } = captureLogs('keep-alive-test');
    const app = createServiceApp({ name: 'keep-alive-test', logger, defaultMetrics: false });
    const server = await startServer({ app, port: 0, logger, handleSignals: false });
    try {
      const response = await fetch(`${server.url}/health`);
      await response.arrayBuffer();
      expect(response.headers.get('keep-alive')).toBe(`timeout=${keepAliveTimeoutMs / 1000}`);
      expect(keepAliveTimeoutMs).toBeGreaterThan(60_000);
      // URR's own callers (internal client, gateway) let an idle connection go first.
      expect(callerIdleSocketTimeoutMs).toBeLessThan(keepAliveTimeoutMs);
    } finally {
      await server.shutdown();
    }
  });
});
