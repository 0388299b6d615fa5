import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { inFlightLimit } from './in-flight-limit.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server whose admitted calls answer when `release` is called. */
async function slowServer(limit: number) {
  const calls = inFlightLimit(limit, 2);
  const waiting: (() => void)[] = [];
  server = createServer((_incoming, outgoing) => {
    if (!calls.admit(outgoing)) return;
    waiting.push(() => outgoing.end('done'));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const call = () =>
    fetch(`http://127.0.0.1:${port}/vwr-api/vwr/check/e1`).then(async (response) => ({
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.text(),
    }));
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { calls, waiting, call, port, until };
}

describe('the edge bounds waiting-room calls in flight', () => {
  it('answers a call over the limit at once with 503, Retry-After and a problem body, and frees the place when answered', async () => {
    const { calls, waiting, call, until } = await slowServer(2);
    const first = [call(), call()];
    await until(() => waiting.length === 2);
    const refused = await call();
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('2');
    expect(JSON.parse(refused.body)).toMatchObject({ type: 'urn:urr:problem:vwr-busy', retryAfter: 2 });
    for (const answer of waiting.splice(0)) answer();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
    await until(() => calls.inFlight === 0);
    const again = call();
    await until(() => waiting.length === 1);
    waiting.pop()!();
    expect((await again).status).toBe(200);
  });

  it('frees the place of a caller that hung up before its answer', async () => {
    const { calls, waiting, port, until } = await slowServer(1);
    const hungUp = request({ host: '127.0.0.1', port, path: '/vwr-api/vwr/check/e1' });
    hungUp.on('error', () => undefined);
    hungUp.end();
    await until(() => waiting.length === 1 && calls.inFlight === 1);
    hungUp.destroy();
    await until(() => calls.inFlight === 0);
  });
});
