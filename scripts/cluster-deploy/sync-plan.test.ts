import { describe, expect, it } from 'vitest';
import {
  applicationsOf,
  type DirectoryApplication,
  keepIgnoredFields,
  type Manifest,
  pruneSet,
  renderedFileAnnotation,
  syncSteps,
  trackingAnnotation,
  withoutUnservedKinds,
} from './sync-plan.js';

const application = (name: string, wave: number, source: Record<string, unknown>, extra = {}): Manifest => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
  spec: { source, destination: { namespace: 'urr' }, ...extra },
});

const object = (kind: string, name: string, annotations: Record<string, string> = {}): Manifest => ({
  apiVersion: kind === 'Rollout' ? 'argoproj.io/v1alpha1' : kind === 'Deployment' ? 'apps/v1' : 'v1',
  kind,
  metadata: { name, annotations },
});

const services: DirectoryApplication = {
  name: 'urr-services',
  syncWave: 0,
  file: 'urr-services.k8s.yaml',
  namespace: 'urr',
  prune: true,
  keepLive: [
    {
      group: 'autoscaling',
      kind: 'HorizontalPodAutoscaler',
      name: 'gateway-service',
      namespace: 'urr',
      jsonPointers: ['/spec/minReplicas', '/spec/maxReplicas'],
    },
  ],
};

describe('applicationsOf', () => {
  it('orders the directory Applications by sync wave and sets the Helm ones apart', () => {
    const { directory, other } = applicationsOf([
      application('urr-services', 0, { directory: { include: 'urr-services.k8s.yaml' } }),
      application('metrics-server', -5, { chart: 'metrics-server', repoURL: 'https://charts.example' }),
      application(
        'urr-crds',
        -2,
        { directory: { include: 'urr-crds.k8s.yaml' } },
        {
          syncPolicy: { automated: { prune: true }, syncOptions: ['RespectIgnoreDifferences=true'] },
          ignoreDifferences: services.keepLive,
        },
      ),
      object('Service', 'not-an-application'),
    ]);
    expect(directory.map((a) => [a.name, a.syncWave, a.file])).toEqual([
      ['urr-crds', -2, 'urr-crds.k8s.yaml'],
      ['urr-services', 0, 'urr-services.k8s.yaml'],
    ]);
    expect(directory[0]).toMatchObject({ prune: true, keepLive: services.keepLive });
    expect(directory[1]).toMatchObject({ prune: false, keepLive: [] });
    expect(other).toEqual([
      {
        name: 'metrics-server',
        syncWave: -5,
        source: 'Helm chart metrics-server from https://charts.example',
        reason:
          'a Helm chart from an outside repository cannot be rendered offline; the node runs metrics-server from scripts/local-stack/node/addons.sh',
      },
    ]);
  });

  it('sets apart the app-of-apps root, whose file holds the other Applications, and every outside chart with why', () => {
    const inFile = (manifest: Manifest, file: string): Manifest => ({
      ...manifest,
      metadata: {
        ...manifest.metadata,
        annotations: { ...manifest.metadata.annotations, [renderedFileAnnotation]: file },
      },
    });
    const { directory, other } = applicationsOf([
      inFile(
        application('urr-root', 0, { directory: { include: 'urr-argocd.k8s.yaml' } }),
        'urr-root.k8s.yaml',
      ),
      inFile(
        application('urr-services', 0, { directory: { include: 'urr-services.k8s.yaml' } }),
        'urr-argocd.k8s.yaml',
      ),
      inFile(
        application('argo-rollouts', -20, {
          chart: 'argo-rollouts',
          targetRevision: '2.41.1',
          repoURL: 'https://charts.example',
        }),
        'urr-argocd.k8s.yaml',
      ),
      inFile(
        application('zipkin', -10, {
          chart: 'zipkin',
          targetRevision: '0.4.0',
          repoURL: 'https://charts.example',
        }),
        'urr-argocd.k8s.yaml',
      ),
    ]);
    expect(directory.map((a) => a.name)).toEqual(['urr-services']);
    expect(other.map((a) => [a.name, a.source])).toEqual([
      ['argo-rollouts', 'Helm chart argo-rollouts 2.41.1 from https://charts.example'],
      ['zipkin', 'Helm chart zipkin 0.4.0 from https://charts.example'],
      ['urr-root', 'urr-argocd.k8s.yaml of the render'],
    ]);
    expect(other[0]?.reason).toMatch(/cannot be rendered offline; the node runs Argo Rollouts/);
    expect(other[1]?.reason).toMatch(/cannot be rendered offline; the local node runs URR without it/);
    expect(other[2]?.reason).toMatch(/app-of-apps root/);
  });
});

describe('withoutUnservedKinds', () => {
  const external = (name: string): Manifest => ({
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'urr' },
  });
  const nodePool: Manifest = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'urr-spot' },
  };
  const widget: Manifest = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' } };

  it("skips the EKS-only add-ons' objects with the reason and keeps what the node serves", () => {
    const { served, skipped, missing } = withoutUnservedKinds(
      [object('Service', 'web'), external('urr-redis'), nodePool],
      ['external-secrets.io/v1 ExternalSecret', 'karpenter.sh/v1 NodePool'],
    );
    expect(served.map((m) => m.metadata.name)).toEqual(['web']);
    expect(skipped).toEqual([
      {
        identity: 'external-secrets.io/ExternalSecret:urr/urr-redis',
        reason: expect.stringMatching(/External Secrets runs in EKS only/),
      },
      {
        identity: 'karpenter.sh/NodePool:/urr-spot',
        reason: expect.stringMatching(/Karpenter runs in EKS only/),
      },
    ]);
    expect(missing).toEqual([]);
  });

  it('reports any other unserved kind as missing instead of skipping it', () => {
    const { served, missing } = withoutUnservedKinds([widget, widget], ['example.io/v1 Widget']);
    expect(served).toEqual([]);
    expect(missing).toEqual(['example.io/v1 Widget']);
  });

  it('skips an object marked EKS-only with the reason it gives, whatever its kind', () => {
    const job: Manifest = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'bootstrap', namespace: 'urr', annotations: { 'urr.guru/eks-only': 'RDS only' } },
    };
    const { served, skipped } = withoutUnservedKinds([job, object('Service', 'web')], []);
    expect(served.map((m) => m.metadata.name)).toEqual(['web']);
    expect(skipped).toEqual([{ identity: 'batch/Job:urr/bootstrap', reason: 'RDS only' }]);
  });

  it('applies an add-on object when the node serves its kind (its CRD was installed)', () => {
    const { served, skipped } = withoutUnservedKinds([external('urr-redis')], []);
    expect(served).toHaveLength(1);
    expect(skipped).toEqual([]);
  });
});

describe('syncSteps', () => {
  it('runs PreSync hooks first, then waves in order, each in kind order, every object tracked', () => {
    const steps = syncSteps(services, [
      object('Deployment', 'late', { 'argocd.argoproj.io/sync-wave': '1' }),
      object('Service', 'web'),
      object('Namespace', 'urr'),
      object('Job', 'bootstrap', { 'argocd.argoproj.io/hook': 'PreSync' }),
    ]);
    expect(steps.map((s) => [s.phase, s.wave, s.objects.map((o) => o.metadata.name)])).toEqual([
      ['PreSync', 0, ['bootstrap']],
      ['Sync', 0, ['urr', 'web']],
      ['Sync', 1, ['late']],
    ]);
    expect(steps[1]?.objects[1]?.metadata.annotations?.[trackingAnnotation]).toBe(
      'urr-services:/Service:/web',
    );
  });
});

describe('pruneSet', () => {
  const tracked = (manifest: Manifest, app: string, namespace = 'urr'): Manifest => ({
    ...manifest,
    metadata: {
      ...manifest.metadata,
      namespace,
      annotations: { [trackingAnnotation]: `${app}:x` },
    },
  });

  it("deletes only this Application's tracked objects that the render no longer has", () => {
    const live = [
      tracked(object('Service', 'web'), 'urr-services'),
      tracked(object('Service', 'gone'), 'urr-services'),
      tracked(object('Service', 'other-apps'), 'urr-operator'),
      { ...object('Service', 'untracked'), metadata: { name: 'untracked', namespace: 'urr' } },
      {
        ...tracked(object('ReplicaSet', 'web-5d8f'), 'urr-services'),
        metadata: {
          ...tracked(object('ReplicaSet', 'web-5d8f'), 'urr-services').metadata,
          ownerReferences: [{ kind: 'Deployment', name: 'web' }],
        },
      },
    ];
    expect(pruneSet(services, [object('Service', 'web')], live).map((m) => m.metadata.name)).toEqual([
      'gone',
    ]);
    expect(pruneSet({ ...services, prune: false }, [], live)).toEqual([]);
  });
});

describe('keepIgnoredFields', () => {
  const hpa = (min: number, max: number): Manifest => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'gateway-service', namespace: 'urr' },
    spec: { minReplicas: min, maxReplicas: max, scaleTargetRef: { name: 'gateway-service' } },
  });

  it('keeps the live values of ignored pointers and nothing else', () => {
    expect(keepIgnoredFields(services, hpa(3, 10), hpa(6, 20)).spec).toEqual({
      minReplicas: 6,
      maxReplicas: 20,
      scaleTargetRef: { name: 'gateway-service' },
    });
    expect(keepIgnoredFields(services, hpa(3, 10), undefined).spec).toMatchObject({ minReplicas: 3 });
    const other = { ...hpa(3, 10), metadata: { name: 'auth-service', namespace: 'urr' } };
    expect(keepIgnoredFields(services, other, hpa(6, 20)).spec).toMatchObject({ minReplicas: 3 });
  });
});
