import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@urr/common/testing/eventually';
import { afterEach, describe, expect, it } from 'vitest';
import { Informer, type KubeObject } from './informer.js';
import { KubeClient } from './kube-client.js';

const things = { group: 'example.com', version: 'v1', plural: 'things' };
const thing = (name: string, resourceVersion: string): KubeObject => ({
  metadata: { name, namespace: 'ns', resourceVersion },
});

/**
 * A stand-in apiserver: answers lists from `lists` in turn and watches from `watches` in turn (each a
 * list of lines, then the stream ends), recording each request's query.
 */
function fakeApiserver(lists: object[], watches: string[][]) {
  const requests: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    requests.push(url.searchParams);
    if (url.searchParams.get('watch')) {
      const lines = watches.shift();
      if (!lines) return; // no more scripted watches: hang, as a quiet watch does
      response.writeHead(200, { 'content-type': 'application/json' });
      for (const line of lines) response.write(`${line}\n`);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(lists.shift()));
  });
  return { server, requests };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listening(server: Server): Promise<KubeClient> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new KubeClient({ server: `http://127.0.0.1:${port}`, namespace: 'default' });
}

function recorder() {
  const seen: string[] = [];
  return {
    seen,
    handlers: {
      add: (o: KubeObject) => seen.push(`add ${o.metadata.name}@${o.metadata.resourceVersion}`),
      update: (o: KubeObject) => seen.push(`update ${o.metadata.name}@${o.metadata.resourceVersion}`),
      delete: (o: KubeObject) => seen.push(`delete ${o.metadata.name}`),
      error: (e: unknown) => seen.push(`error ${(e as Error).message}`),
    },
  };
}

describe('the informer: list, then watch from where the list was', () => {
  it('reports listed objects, follows watch events and bookmarks, and lists again on 410 Gone', async () => {
    const { server, requests } = fakeApiserver(
      [
        { items: [thing('a', '5'), thing('b', '6')], metadata: { resourceVersion: '10' } },
        // After 410: a is gone, b changed, c is new; the informer reports only those differences.
        {
          items: [thing('b', '30'), thing('c', '31'), thing('d', '12')],
          metadata: { resourceVersion: '40' },
        },
      ],
      [
        [
          JSON.stringify({ type: 'MODIFIED', object: thing('a', '11') }),
          JSON.stringify({ type: 'ADDED', object: thing('d', '12') }),
          JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } }),
        ],
        [JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } })],
      ],
    );
    const client = await listening(server);
    const { seen, handlers } = recorder();
    const informer = new Informer<KubeObject>({ client, type: things, retryDelayMs: 10 }, handlers);
    await informer.start();
    await eventually(() => expect(seen).toContain('add c@31'));
    await informer.stop();
    client.destroy();

    expect(seen).toEqual([
      'add a@5',
      'add b@6',
      'update a@11',
      'add d@12',
      'update b@30',
      'add c@31',
      'delete a',
    ]);
    const watches = requests.filter((query) => query.get('watch'));
    expect(watches.map((query) => query.get('resourceVersion'))).toEqual(['10', '20', '40']);
    expect(watches.every((query) => query.get('allowWatchBookmarks') === 'true')).toBe(true);
    expect(informer.list('ns').map((o) => o.metadata.name)).toEqual(['b', 'c', 'd']);
  });

  it('reports a failed watch and watches again from the same resourceVersion', async () => {
    const { server, requests } = fakeApiserver(
      [{ items: [thing('a', '5')], metadata: { resourceVersion: '10' } }],
      [['this is not json'], [JSON.stringify({ type: 'DELETED', object: thing('a', '15') })]],
    );
    const client = await listening(server);
    const { seen, handlers } = recorder();
    const informer = new Informer<KubeObject>({ client, type: things, retryDelayMs: 10 }, handlers);
    await informer.start();
    await eventually(() => expect(seen).toContain('delete a'));
    await informer.stop();
    client.destroy();

    expect(seen[0]).toBe('add a@5');
    expect(seen[1]).toMatch(/^error /);
    expect(seen.at(-1)).toBe('delete a');
    const watches = requests.filter((query) => query.get('watch'));
    expect(watches.slice(0, 2).map((query) => query.get('resourceVersion'))).toEqual(['10', '10']);
    expect(informer.list()).toEqual([]);
  });
});
