import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpProblem } from '../errors/http-problem.js';
import { catalogEventDirectory, type EventDirectory, requireExistingEvent } from './event-directory.js';
import { UpstreamUnavailableError } from './internal-client.js';

/** A stand-in for catalog-service (another service): its public event endpoint, over real HTTP. */
function fakeCatalog(eventIds: string[]) {
  const calls: string[] = [];
  const app = new Hono();
  app.get('/api/v1/events/:id', (c) => {
    calls.push(c.req.param('id'));
    if (!eventIds.includes(c.req.param('id')))
      return c.json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404, {
        'content-type': 'application/problem+json',
      });
    return c.json({ id: c.req.param('id'), title: 'Concert' });
  });
  return { app, calls };
}

describe('catalogEventDirectory', () => {
  const catalog = fakeCatalog(['e-1']);
  let server: ReturnType<typeof serve>;
  let baseUrl: string;
  beforeAll(async () => {
    server = await new Promise((resolve) => {
      const started = serve({ fetch: catalog.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(started),
      );
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers from catalog-service and reuses the answer until it expires', async () => {
    let now = 0;
    const directory = catalogEventDirectory({
      baseUrl,
      internalToken: 'x'.repeat(32),
      existsTtlMs: 60_000,
      missingTtlMs: 10_000,
      now: () => now,
    });
    catalog.calls.length = 0;
    expect(await Promise.all([directory.exists('e-1'), directory.exists('e-1')])).toEqual([true, true]);
    expect(await directory.exists('nope')).toBe(false);
    now = 9_000;
    expect(await directory.exists('e-1')).toBe(true);
    expect(await directory.exists('nope')).toBe(false);
    expect(catalog.calls).toEqual(['e-1', 'nope']);
    now = 11_000;
    expect(await directory.exists('nope')).toBe(false);
    now = 61_000;
    expect(await directory.exists('e-1')).toBe(true);
    expect(catalog.calls).toEqual(['e-1', 'nope', 'nope', 'e-1']);
  });

  it('says it cannot tell when catalog-service is down', async () => {
    const directory = catalogEventDirectory({ baseUrl: 'http://127.0.0.1:1', internalToken: 'x'.repeat(32) });
    await expect(directory.exists('e-1')).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });
});

describe('requireExistingEvent', () => {
  const directory = (exists: EventDirectory['exists']): EventDirectory => ({ exists });

  it('lets a known event through, answers 404 for an unknown one', async () => {
    await expect(
      requireExistingEvent(
        directory(async () => true),
        'e-1',
      ),
    ).resolves.toBeUndefined();
    const refusal = await requireExistingEvent(
      directory(async () => false),
      'e-2',
    ).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect((refusal as HttpProblem).status).toBe(404);
    expect((refusal as HttpProblem).problem.type).toBe('urn:urr:problem:event-not-found');
  });

  it('answers 503 with Retry-After when catalog-service cannot tell, and rethrows anything else', async () => {
    const down = directory(async () => {
      throw new UpstreamUnavailableError('catalog-service', 'connection refused');
    });
    const refusal = (await requireExistingEvent(down, 'e-1').catch((e: unknown) => e)) as HttpProblem;
    expect(refusal.status).toBe(503);
    expect(refusal.headers).toMatchObject({ 'retry-after': '5' });
    const bug = new TypeError('a bug');
    await expect(
      requireExistingEvent(
        directory(async () => {
          throw bug;
        }),
        'e-1',
      ),
    ).rejects.toBe(bug);
  });
});
