import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, smokePodTemplate } from './cluster-testing.js';

/**
 * Argo Rollouts' controller on the local node (rollouts.sh): a tiny blue-green Rollout of two locally
 * built images really switches its active Service, only when a ready green version is promoted.
 */

const run = promisify(execFile);
const nodeDir = import.meta.dirname;
const namespace = `rollouts-smoke-${process.pid}`;
const app = 'bluegreen-web';
const active = `${app}-active`;
const preview = `${app}-preview`;
const hashLabel = 'rollouts-pod-template-hash';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const apps = kubeConfig.makeApiClient(AppsV1Api);
const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
const apiextensions = kubeConfig.makeApiClient(ApiextensionsV1Api);

const kubectl = async (args: string[]) => (await run('kubectl', args, { timeout: 30_000 })).stdout;

interface RolloutStatus {
  phase?: string;
  message?: string;
  currentPodHash?: string;
  stableRS?: string;
  pauseConditions?: { reason: string }[];
}

const rolloutStatus = async (): Promise<RolloutStatus> =>
  JSON.parse(await kubectl(['get', 'rollout', app, '-n', namespace, '-o', 'json'])).status ?? {};

const selectorHash = async (service: string) =>
  (await core.readNamespacedService({ name: service, namespace })).spec?.selector?.[hashLabel];

/** The page a Service serves, fetched from the node through its ClusterIP (kube-proxy). */
async function pageOf(service: string): Promise<string> {
  const { spec } = await core.readNamespacedService({ name: service, namespace });
  const response = await fetch(`http://${spec?.clusterIP}/`, { signal: AbortSignal.timeout(3_000) });
  const page = (await response.text()).trim();
  if (response.status !== 200 || page === '') throw new Error(`HTTP ${response.status}, body '${page}'`);
  return page;
}

/**
 * What the node had for a Service when its page did not come: where its ClusterIP leads (the endpoint
 * slice) and every pod of the app, for the failure message.
 */
async function routingOf(service: string): Promise<string> {
  const { spec } = await core.readNamespacedService({ name: service, namespace });
  const slices = await kubectl([
    'get',
    'endpointslices',
    '-n',
    namespace,
    '-l',
    `kubernetes.io/service-name=${service}`,
    '-o',
    'json',
  ]);
  const endpoints = (
    JSON.parse(slices).items as { endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[] }[]
  )
    .flatMap((slice) => slice.endpoints ?? [])
    .map((endpoint) => `${endpoint.addresses.join('/')}${endpoint.conditions?.ready ? '' : ' (not ready)'}`);
  const pods = (await core.listNamespacedPod({ namespace })).items.map(
    (pod) =>
      `${pod.metadata?.name} ${pod.status?.podIP} ${pod.metadata?.labels?.[hashLabel]} ` +
      `ready=${pod.status?.conditions?.find((c) => c.type === 'Ready')?.status} ${pod.spec?.containers[0]?.image}`,
  );
  return `ClusterIP ${spec?.clusterIP} selects ${JSON.stringify(spec?.selector)}; endpoints [${endpoints.join(', ')}]; pods [${pods.join('; ')}]`;
}

/**
 * The first page a Service answers with. A connection that fails or times out (no endpoint in
 * kube-proxy's rules yet, a busy node), an empty answer or an error status is tried again for a minute;
 * a wrong page is returned, for the test to fail on. Failing, it says where the ClusterIP led.
 */
const answerOf = async (service: string) => {
  try {
    return await eventually(`an answer from ${service}`, () => pageOf(service), { timeoutMs: 60_000 });
  } catch (error) {
    const routing = await routingOf(service).catch((failed: unknown) => `(routing unknown: ${failed})`);
    throw new Error(`${(error as Error).message}; ${routing}`);
  }
};

/** The pod template of one version: IMAGE serving its page, ready when READY_PATH answers 200. */
const podTemplate = (image: string, readyPath = '/') => smokePodTemplate(image, { app }, readyPath);

const patchRollout = (patch: object, subresource?: 'status') =>
  kubectl([
    'patch',
    'rollout',
    app,
    '-n',
    namespace,
    ...(subresource ? [`--subresource=${subresource}`] : []),
    '--type=merge',
    '-p',
    JSON.stringify(patch),
  ]);

const waitForPhase = (what: string, accept: (status: RolloutStatus) => boolean) =>
  eventually(
    what,
    async () => {
      const status = await rolloutStatus();
      if (!accept(status)) throw new Error(`${status.phase ?? 'no phase'}: ${status.message ?? ''}`);
      return status;
    },
    { timeoutMs: 150_000, intervalMs: 1_000 },
  );

describe("Argo Rollouts' controller on the local node", () => {
  let blueImage: string;
  let greenImage: string;
  let blue: string | undefined;

  beforeAll(async () => {
    const image = async (page: string) =>
      (await run('bash', [join(nodeDir, 'smoke-image.sh'), page])).stdout.trim();
    blueImage = await image('blue version');
    greenImage = await image('green version');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await eventually('default ServiceAccount', () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }),
    );
    for (const name of [active, preview]) {
      await core.createNamespacedService({
        namespace,
        body: { metadata: { name }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 'http' }] } },
      });
    }
    await customObjects.createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace,
      plural: 'rollouts',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: app },
        spec: {
          replicas: 1,
          revisionHistoryLimit: 3,
          selector: { matchLabels: { app } },
          template: podTemplate(blueImage),
          strategy: {
            blueGreen: {
              activeService: active,
              previewService: preview,
              autoPromotionEnabled: false,
              scaleDownDelaySeconds: 5,
            },
          },
        },
      },
    });
  });

  afterAll(async () => {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  });

  it('serves the CRDs of the release: Rollout, AnalysisTemplate, ClusterAnalysisTemplate, AnalysisRun, Experiment', async () => {
    const crds = await apiextensions.listCustomResourceDefinition();
    const established = crds.items
      .filter((crd) => crd.spec.group === 'argoproj.io')
      .filter((crd) => crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'))
      .map((crd) => crd.spec.names.kind)
      .sort();
    expect(established).toEqual(
      expect.arrayContaining([
        'AnalysisRun',
        'AnalysisTemplate',
        'ClusterAnalysisTemplate',
        'Experiment',
        'Rollout',
      ]),
    );
  });

  it('makes the first version the active one: the Rollout is Healthy and both Services select its pods', async () => {
    const status = await waitForPhase('the blue version Healthy', (s) => s.phase === 'Healthy');
    blue = status.currentPodHash;
    expect(blue).toBeTruthy();
    expect(status.stableRS).toBe(blue);
    expect(await selectorHash(active)).toBe(blue);
    expect(await selectorHash(preview)).toBe(blue);
    expect(await answerOf(active)).toBe('blue version');
  });

  it('keeps the traffic on blue while a new version never gets ready: the Rollout turns Degraded', async () => {
    await patchRollout({
      spec: { progressDeadlineSeconds: 15, template: podTemplate(greenImage, '/not-there') },
    });
    const status = await waitForPhase(
      'the unready version Degraded',
      (s) => s.phase === 'Degraded' && s.currentPodHash !== blue,
    );
    expect(status.stableRS).toBe(blue);
    expect(status.pauseConditions ?? []).toEqual([]);
    expect(await selectorHash(preview)).toBe(status.currentPodHash);
    expect(await selectorHash(active)).toBe(blue);
    expect(await answerOf(active)).toBe('blue version');
  });

  it('pauses a ready green version for promotion with the active Service on blue, and switches it on promotion', async () => {
    await patchRollout({ spec: { progressDeadlineSeconds: 600, template: podTemplate(greenImage) } });
    const paused = await waitForPhase(
      'the green version paused for promotion',
      (s) => s.phase === 'Paused' && s.currentPodHash !== blue,
    );
    const green = paused.currentPodHash;
    expect(paused.pauseConditions?.map((c) => c.reason)).toEqual(['BlueGreenPause']);
    expect(await selectorHash(preview)).toBe(green);
    expect(await selectorHash(active)).toBe(blue);
    expect(await answerOf(preview)).toBe('green version');
    expect(await answerOf(active)).toBe('blue version');

    // What `kubectl argo rollouts promote` sends for a blue-green pause: the pause cleared on status.
    await patchRollout({ status: { pauseConditions: null } }, 'status');
    const healthy = await waitForPhase(
      'the promoted green version Healthy',
      (s) => s.phase === 'Healthy' && s.stableRS === green,
    );
    expect(healthy.currentPodHash).toBe(green);
    expect(await selectorHash(active)).toBe(green);
    await eventually('the green page on the active Service', async () =>
      expect(await pageOf(active)).toBe('green version'),
    );

    // After scaleDownDelaySeconds the blue ReplicaSet goes to zero.
    await eventually('the blue ReplicaSet scaled down', async () => {
      const sets = await apps.listNamespacedReplicaSet({ namespace, labelSelector: `${hashLabel}=${blue}` });
      expect(sets.items.map((set) => set.spec?.replicas)).toEqual([0]);
    });
  });
});
