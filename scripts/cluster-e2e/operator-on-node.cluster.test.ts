import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AutoscalingV2Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import { allTier2KeysOf, tier2Keys } from '@urr/common/queue/tier2-keys';
import { countersAttributes, defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { ensureWaitingRoomTables } from '@urr/vwr-shared/tables';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { unservedKinds } from '../cluster-deploy/argo-sync.js';
import { type Manifest, withoutUnservedKinds } from '../cluster-deploy/sync-plan.js';
import { eventually, isPodReady, removeNamespaces } from '../local-stack/node/cluster-testing.js';
import { readStackSettings } from '../local-stack/stack-env.js';
import { parseEnvLines } from './pod-env.js';

/** The operator's pod and its reconciles take their time on a loaded 2-core node. */
const operatorPace = { timeoutMs: 120_000, intervalMs: 1_000 };

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? '';
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const imagesDir = join(process.env.URR_CACHE_DIR ?? join(homedir(), '.cache', 'urr'), 'images');
const operatorImage = 'localhost/urr/ticketevent-operator:local';
const example = join(repo, 'operator/examples/standing-show.yaml');
const eventName = 'night-trams-standing';
const eventId = '5e3d0c4a-8a51-4d0b-9b1e-2f6a0c1d2201';
const systemNamespace = 'urr-system';
const appNamespace = 'urr';
const fieldManager = 'urr-cluster-e2e';

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);

const kubectl = (...args: string[]) => run('kubectl', args, { timeout: 60_000 });
const kubectlArgs = async (args: string[]) => (await kubectl(...args)).stdout;

/**
 * The operator's Deployment as the node runs it: the locally built image (no registry), one replica,
 * and the DynamoDB server's address and placeholder credentials where EKS would inject IRSA's.
 */
function forTheNode(deployment: Manifest): Manifest {
  const spec = deployment.spec as {
    replicas: number;
    template: { spec: { containers: Record<string, unknown>[] } };
  };
  spec.replicas = 1;
  const [container] = spec.template.spec.containers;
  if (!container) throw new Error('the operator Deployment has no container');
  container.image = operatorImage;
  container.imagePullPolicy = 'Never';
  container.env = [
    ...(container.env as unknown[]),
    { name: 'AWS_ENDPOINT_URL', value: `http://${nodeIp}:${settings.URR_AWS_PORT}` },
    { name: 'AWS_ACCESS_KEY_ID', value: 'local' },
    { name: 'AWS_SECRET_ACCESS_KEY', value: 'local' },
  ];
  return deployment;
}

async function applyServerSide(manifests: readonly Manifest[], dir: string): Promise<void> {
  const file = join(dir, `apply-${Date.now()}.yaml`);
  await writeFile(file, manifests.map((m) => stringify(m)).join('---\n'));
  await kubectl('apply', '--server-side', '--force-conflicts', `--field-manager=${fieldManager}`, '-f', file);
}

async function operatorPod(): Promise<V1Pod> {
  return eventually(
    'a Ready operator pod',
    async () => {
      const pods = await core.listNamespacedPod({
        namespace: systemNamespace,
        labelSelector: 'app.kubernetes.io/name=ticketevent-operator',
      });
      const ready = pods.items.find((pod) => isPodReady(pod) && !pod.metadata?.deletionTimestamp);
      if (!ready)
        throw new Error(
          pods.items.map((p) => JSON.stringify(p.status?.containerStatuses?.[0]?.state)).join(', ') ||
            'no pod',
        );
      return ready;
    },
    operatorPace,
  );
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

async function conditionsOf(): Promise<Condition[]> {
  const event = (await customObjects.getNamespacedCustomObject({
    group: 'urr.guru',
    version: 'v1alpha1',
    namespace: appNamespace,
    plural: 'ticketevents',
    name: eventName,
  })) as { status?: { conditions?: Condition[] } };
  return event.status?.conditions ?? [];
}

describe('the operator on the node, under the RBAC the manifests give it', () => {
  let work: string;
  let rendered: Manifest[];
  const redis = new Redis(`redis://127.0.0.1:${settings.URR_REDIS_PORT}`, { lazyConnect: true });
  const dynamo = createDynamoClient({
    endpoint: `http://127.0.0.1:${settings.URR_AWS_PORT}`,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  beforeAll(async () => {
    // Fields another field manager left on these objects would be merged into this test's apply.
    await removeNamespaces(kubectlArgs, [systemNamespace, appNamespace], 180);
    work = await mkdtemp(join(tmpdir(), 'urr-cluster-e2e-'));
    await run('node', ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(repo, 'manifests'),
      env: { ...process.env, CDK8S_OUTDIR: work },
      timeout: 120_000,
    });
    const documents = async (file: string) =>
      parseAllDocuments(await readFile(join(work, file), 'utf8')).map((d) => d.toJS() as Manifest);
    rendered = [...(await documents('urr-crds.k8s.yaml')), ...(await documents('urr-operator.k8s.yaml'))];
    await run(
      'bash',
      [join(repo, 'scripts/local-stack/cluster.sh'), 'import', join(imagesDir, 'ticketevent-operator.tar')],
      {
        timeout: 120_000,
      },
    );
    await ensureWaitingRoomTables(dynamo, defaultWaitingRoomTables);
    const secrets = parseEnvLines(await readFile(join(stateDir, 'secrets.env'), 'utf8'));
    const secret = (name: string, key: string, value: string): Manifest => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: systemNamespace },
      stringData: { [key]: value },
    });
    const namespaces = rendered.filter((m) => m.kind === 'Namespace');
    const crds = rendered.filter((m) => m.kind === 'CustomResourceDefinition');
    await applyServerSide(
      [
        ...crds,
        ...namespaces,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: appNamespace } },
        secret('urr-redis', 'REDIS_URL', `redis://${nodeIp}:${settings.URR_REDIS_PORT}`),
        secret('urr-internal-api', 'INTERNAL_API_TOKEN', secrets.INTERNAL_API_TOKEN ?? ''),
      ],
      work,
    );
    // As the local sync does: the kinds of EKS-only add-ons are left out (the Secrets above are what External
    // Secrets would write); any other kind the node does not serve fails here.
    const rest = rendered.filter((m) => !['Namespace', 'CustomResourceDefinition'].includes(m.kind));
    const { served, missing } = withoutUnservedKinds(
      rest,
      await unservedKinds(async (args) => (await kubectl(...args)).stdout, rest),
    );
    expect(missing).toEqual([]);
    await applyServerSide(
      served.map((m) => (m.kind === 'Deployment' ? forTheNode(m) : m)),
      work,
    );
    await redis.connect();
    // Nothing of the sale from an earlier run: what the test reads, the operator wrote now.
    await redis.del(...allTier2KeysOf(eventId));
    await dynamo.deleteItem({
      TableName: defaultWaitingRoomTables.countersTable,
      Key: { [countersAttributes.eventId]: { S: eventId } },
    });
  });

  afterAll(async () => {
    await removeNamespaces(kubectlArgs, [systemNamespace, appNamespace]).catch(() => undefined);
    await kubectl(
      'delete',
      'clusterrole,clusterrolebinding',
      '-l',
      'app.kubernetes.io/part-of=urr',
      '--ignore-not-found',
    ).catch(() => undefined);
    redis.disconnect();
    dynamo.destroy();
    await rm(work, { recursive: true, force: true });
  });

  it('runs Ready as a non-root user under its own ServiceAccount, which is not a cluster administrator', async () => {
    const pod = await operatorPod();
    expect(pod.spec?.serviceAccountName).toBe('ticketevent-operator');
    const { stdout } = await kubectl(
      'exec',
      '-n',
      systemNamespace,
      pod.metadata?.name ?? '',
      '--',
      'node',
      '-e',
      'process.stdout.write(String(process.getuid()))',
    );
    expect(Number(stdout)).toBeGreaterThan(0);
    const asOperator = `--as=system:serviceaccount:${systemNamespace}:ticketevent-operator`;
    const canEverything = await kubectl('auth', 'can-i', '*', '*', '--all-namespaces', asOperator).then(
      (r) => r.stdout.trim(),
      (error: { stdout?: string }) => (error.stdout ?? '').trim(),
    );
    expect(canEverything).toBe('no');
  });

  it('kubectl apply of an example opens its sale: Ready, Tier-2 keys in Redis, the counters item in DynamoDB', async () => {
    await kubectl('apply', '-n', appNamespace, '-f', example);
    const conditions = await eventually(
      'the TicketEvent Ready',
      async () => {
        const found = await conditionsOf();
        if (!found.some((c) => c.type === 'Ready' && c.status === 'True'))
          throw new Error(`conditions: ${JSON.stringify(found)}`);
        return found;
      },
      operatorPace,
    );
    expect(conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(await redis.get(tier2Keys.maxUsers(eventId))).toBe('2000');
    expect(await redis.get(tier2Keys.threshold(eventId))).toBe('200');
    const item = await dynamo.getItem({
      TableName: defaultWaitingRoomTables.countersTable,
      Key: { [countersAttributes.eventId]: { S: eventId } },
    });
    expect(item.Item).toBeDefined();
  });

  it("writes the sale's pre-scaling bounds into the gateway, queue and ticket HPAs", async () => {
    const bounds = async (name: string) => {
      const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace: appNamespace });
      return [hpa.spec?.minReplicas, hpa.spec?.maxReplicas];
    };
    expect(await bounds('gateway-service')).toEqual([8, 30]);
    expect(await bounds('queue-service')).toEqual([6, 20]);
    expect(await bounds('ticket-service')).toEqual([8, 30]);
  });

  it('stripped of the patch verb on HPAs in its ClusterRole, fails its reconcile with a condition naming the verb', async () => {
    const role = rendered.find(
      (m) => m.kind === 'ClusterRole' && m.metadata.name === 'urr-ticketevent-operator',
    );
    if (!role) throw new Error('the render has no operator ClusterRole');
    const rules = role.rules as { resources: string[]; verbs: string[] }[];
    const stripped = {
      ...role,
      rules: rules.map((rule) =>
        rule.resources.includes('horizontalpodautoscalers')
          ? { ...rule, verbs: rule.verbs.filter((verb) => verb !== 'patch') }
          : rule,
      ),
    };
    await applyServerSide([stripped], work);
    // A new generation makes the operator reconcile at once.
    await kubectl(
      'patch',
      '-n',
      appNamespace,
      'ticketevent',
      eventName,
      '--type=merge',
      '-p',
      '{"spec":{"waitingRoom":{"admitStep":801}}}',
    );
    const ready = await eventually(
      'Ready=False naming the verb',
      async () => {
        const found = (await conditionsOf()).find((c) => c.type === 'Ready');
        if (found?.reason !== 'ReconcileFailed') throw new Error(`Ready: ${JSON.stringify(found)}`);
        return found;
      },
      operatorPace,
    );
    expect(ready.status).toBe('False');
    expect(ready.message).toMatch(/cannot patch resource "horizontalpodautoscalers"/);
  });
});
