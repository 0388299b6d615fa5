import { describe, expect, it } from 'vitest';
import {
  applicationsOf,
  type DirectoryApplication,
  keepIgnoredFields,
  type Manifest,
  pruneSet,
  syncSteps,
  trackingAnnotation,
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
      },
    ]);
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
