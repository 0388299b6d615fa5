import { randomBytes } from 'node:crypto';
import { eventually } from '@urr/common/testing/eventually';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConflict, isNotFound } from '../kube-errors.js';
import { Informer, type KubeObject } from './informer.js';
import { KubeApiError } from './kube-api-error.js';
import { KubeClient } from './kube-client.js';
import { loadKubeConfig } from './kube-config.js';
import { resourceTypes } from './resource-path.js';

// Against the local stack's real apiserver, on Leases and HPAs of a namespace of its own (no TicketEvents,
// so a running operator is no party to it).
const kube = new KubeClient(loadKubeConfig());
const namespace = `urr-kube-${process.pid}-${randomBytes(3).toString('hex')}`;
const { leases, horizontalPodAutoscalers: hpas, namespaces } = resourceTypes;

interface Lease extends KubeObject {
  metadata: KubeObject['metadata'] & {
    labels?: Record<string, string>;
    managedFields?: { manager: string }[];
  };
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number };
}

beforeAll(async () => {
  await kube.create(namespaces, undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
});
afterAll(async () => {
  for (const name of ['a', 'b', 'c']) await kube.delete(leases, { namespace, name }).catch(() => undefined);
  await kube.delete(hpas, { namespace, name: 'web' }).catch(() => undefined);
  await kube.delete(namespaces, { name: namespace }).catch(() => undefined);
  kube.destroy();
});

const lease = (name: string, holder: string) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name, namespace },
  spec: { holderIdentity: holder, leaseDurationSeconds: 15 },
});

describe('the thin client on the real apiserver', () => {
  it('creates, reads, replaces with its resourceVersion (409 when stale), patches and deletes', async () => {
    const created = await kube.create<Lease>(leases, namespace, lease('a', 'one'));
    expect(created.spec?.holderIdentity).toBe('one');
    const read = await kube.get<Lease>(leases, { namespace, name: 'a' });
    const replaced = await kube.replace<Lease>(
      leases,
      { namespace, name: 'a' },
      {
        ...read,
        spec: { ...read.spec, holderIdentity: 'two' },
      },
    );
    expect(replaced.spec?.holderIdentity).toBe('two');
    const stale = await kube
      .replace(leases, { namespace, name: 'a' }, { ...read, spec: { ...read.spec, holderIdentity: 'three' } })
      .catch((error: unknown) => error);
    expect(isConflict(stale)).toBe(true);
    expect((stale as KubeApiError).reason).toBe('Conflict');

    const merged = await kube.mergePatch<Lease>(
      leases,
      { namespace, name: 'a' },
      {
        metadata: { labels: { tier: 'gold' } },
      },
    );
    expect(merged.metadata.labels).toEqual({ tier: 'gold' });
    const patched = await kube.jsonPatch<Lease>(leases, { namespace, name: 'a' }, [
      { op: 'test', path: '/spec/holderIdentity', value: 'two' },
      { op: 'replace', path: '/spec/holderIdentity', value: 'four' },
    ]);
    expect(patched.spec?.holderIdentity).toBe('four');

    await kube.delete(leases, { namespace, name: 'a' });
    const gone = await kube.get(leases, { namespace, name: 'a' }).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(KubeApiError);
    expect(isNotFound(gone)).toBe(true);
  });

  it('applies server-side with a field manager, and writes the status subresource', async () => {
    const hpa = (minReplicas: number) => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas,
        maxReplicas: 9,
      },
    });
    await kube.apply(hpas, { namespace, name: 'web' }, hpa(2), { fieldManager: 'urr-test', force: true });
    const applied = await kube.apply<{
      spec: { minReplicas: number };
      metadata: { managedFields: { manager: string }[] };
    }>(hpas, { namespace, name: 'web' }, hpa(4), { fieldManager: 'urr-test', force: true });
    expect(applied.spec.minReplicas).toBe(4);
    expect(applied.metadata.managedFields.map((field) => field.manager)).toContain('urr-test');

    const withStatus = await kube.apply<{ status?: { desiredReplicas?: number } }>(
      hpas,
      { namespace, name: 'web', subresource: 'status' },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace },
        status: { currentReplicas: 3, desiredReplicas: 5 },
      },
      { fieldManager: 'urr-test', force: true },
    );
    expect(withStatus.status?.desiredReplicas).toBe(5);
  });

  it('discards an answer the caller does not use, and still throws a refusal with its status code', async () => {
    const body = lease('d', 'one');
    expect(await kube.create(leases, namespace, body, { discardResponse: true })).toBeUndefined();
    const again = await kube
      .create(leases, namespace, body, { discardResponse: true })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(KubeApiError);
    expect((again as KubeApiError).statusCode).toBe(409);
    expect((again as KubeApiError).reason).toBe('AlreadyExists');
    // The connection carried on: the next call on it is answered.
    expect((await kube.get<Lease>(leases, { namespace, name: 'd' })).spec?.holderIdentity).toBe('one');
    await kube.delete(leases, { namespace, name: 'd' });
  });

  it('an informer lists, then sees what is created, changed and deleted through its watch', async () => {
    const seen: string[] = [];
    const informer = new Informer<Lease>(
      { client: kube, type: leases, namespace },
      {
        add: (o) => seen.push(`add ${o.metadata.name}`),
        update: (o) => seen.push(`update ${o.metadata.name} ${o.spec?.holderIdentity}`),
        delete: (o) => seen.push(`delete ${o.metadata.name}`),
        error: (e) => seen.push(`error ${(e as Error).message}`),
      },
    );
    await kube.create(leases, namespace, lease('b', 'one'));
    await informer.start();
    await kube.create(leases, namespace, lease('c', 'one'));
    await kube.mergePatch(leases, { namespace, name: 'b' }, { spec: { holderIdentity: 'two' } });
    await kube.delete(leases, { namespace, name: 'c' });
    await eventually(() => expect(seen).toContain('delete c'));
    await informer.stop();
    expect(seen).toEqual(['add b', 'add c', 'update b two', 'delete c']);
    expect(informer.list(namespace).map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('a watch from a resourceVersion the apiserver no longer has gets 410 Gone', async () => {
    const events: { type: string; object: { code?: number } }[] = [];
    const watch = kube.watch<{ code?: number }>(
      leases,
      { namespace, resourceVersion: '1', timeoutSeconds: 5 },
      (event) => events.push(event),
    );
    const refused = await watch.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    // The apiserver says it in the stream (an ERROR event) or, before streaming, as the answer's status.
    const code =
      refused instanceof KubeApiError
        ? refused.statusCode
        : events.find((e) => e.type === 'ERROR')?.object.code;
    expect(code).toBe(410);
  });
});
