/**
 * URR on the local node from its render, synced as Argo CD syncs it (`npm run cluster -- deploy`,
 * docs/adr/0031-urr-synced-onto-the-local-node.md): every workload Ready as a non-root user, a re-sync that
 * keeps the operator's HPA bounds and prunes what the render dropped, a sale opened by `kubectl apply` of a
 * TicketEvent, and a fan's booking through the in-cluster gateway Service.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { AutoscalingV2Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { createAccessTokenSigner } from '@urr/auth';
import { accessTokenSignerOptionsOf, configSchema as authConfigSchema } from '@urr/auth/config';
import { allTier2KeysOf, tier2Keys } from '@urr/common/queue/tier2-keys';
import { signVwrToken, VwrTokenKeyring } from '@urr/common/tokens/vwr-token';
import { countersAttributes, defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import { createSeatedSale, newUser, type TicketTestEnv } from '@urr/ticket-service/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { kubectlWith } from '../cluster-deploy/argo-sync.js';
import { eventually, isPodReady, removeNamespaces } from '../local-stack/node/cluster-testing.js';
import { localStackEndpoints, readStackSettings } from '../local-stack/stack-env.js';
import { bookAndPay, expectConfirmed } from './booking-flow.js';
import { parseEnvLines } from './pod-env.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const settings = readStackSettings();
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const namespace = 'urr';
const operatorNamespace = 'urr-system';
const pace = { timeoutMs: 180_000, intervalMs: 2_000 };

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);
const kubectl = kubectlWith(localStackEndpoints().kubeconfig);
const deploy = () =>
  run('bash', [join(repo, 'scripts/local-stack/cluster.sh'), 'deploy'], {
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });

interface Workload {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: { selector: { matchLabels: Record<string, string> } };
  status?: { phase?: string; availableReplicas?: number; replicas?: number };
}

async function workloads(): Promise<Workload[]> {
  const out = await kubectl([
    'get',
    'deployments,rollouts.argoproj.io',
    '-A',
    '-l',
    'app.kubernetes.io/part-of=urr',
    '-o',
    'json',
  ]);
  return (JSON.parse(out) as { items: Workload[] }).items;
}

describe('URR synced onto the node from its render, as Argo CD syncs it', () => {
  let firstSync = '';
  const redis = new Redis(`redis://127.0.0.1:${settings.URR_REDIS_PORT}`, { lazyConnect: true });
  const dynamo = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${settings.URR_AWS_PORT}`,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  beforeAll(async () => {
    // A first sync onto a node without URR: what an earlier run stopped midway left would be merged into it.
    await removeNamespaces(kubectl, [namespace, operatorNamespace, 'urr-outside'], 180);
    firstSync = (await deploy()).stdout;
    await redis.connect();
  }, 900_000);

  afterAll(async () => {
    // The TicketEvents this test applied go with their namespace (their finalizers dropped if need be).
    await removeNamespaces(kubectl, [namespace, operatorNamespace, 'urr-outside']).catch(() => undefined);
    await kubectl(['delete', 'clusterrole,clusterrolebinding', '-l', 'app.kubernetes.io/part-of=urr']).catch(
      () => undefined,
    );
    redis.disconnect();
    dynamo.destroy();
  }, 240_000);

  it('syncs the Applications in wave order and every Deployment and Rollout turns available', async () => {
    const order = [...firstSync.matchAll(/syncing (\S+) \(wave (-?\d+)\)/g)].map((m) => Number(m[2]));
    expect(order.length).toBeGreaterThanOrEqual(3);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const all = await workloads();
    expect(all.map((w) => `${w.kind}/${w.metadata.name}`)).toEqual(
      expect.arrayContaining([
        'Deployment/ticketevent-operator',
        'Deployment/auth-service',
        'Rollout/gateway-service',
        'Rollout/ticket-service',
        'Rollout/payment-service',
        'Rollout/queue-service',
      ]),
    );
    for (const workload of all)
      if (workload.kind === 'Rollout') expect(workload.status?.phase, workload.metadata.name).toBe('Healthy');
      else expect(workload.status?.availableReplicas, workload.metadata.name).toBe(workload.status?.replicas);
    // Then the HPAs take over the replica counts the render leaves to them, up to their minima.
    await eventually(
      'every workload available at its HPA minimum',
      async () => {
        const hpas = await autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace });
        const byName = new Map((await workloads()).map((w) => [w.metadata.name, w]));
        const short = hpas.items.flatMap((hpa) => {
          const available = byName.get(hpa.spec?.scaleTargetRef.name ?? '')?.status?.availableReplicas ?? 0;
          return available < (hpa.spec?.minReplicas ?? 1) ? [`${hpa.metadata?.name} ${available}`] : [];
        });
        if (short.length > 0) throw new Error(`below their minimum: ${short.join(', ')}`);
      },
      { timeoutMs: 420_000, intervalMs: 3_000 },
    );
  }, 480_000);

  it("runs each workload's pods Ready as a non-root user, read from inside the pod", async () => {
    for (const workload of await workloads()) {
      const selector = Object.entries(workload.spec.selector.matchLabels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      const pods = await core.listNamespacedPod({
        namespace: workload.metadata.namespace,
        labelSelector: selector,
      });
      const pod = pods.items.find((p) => isPodReady(p) && !p.metadata?.deletionTimestamp);
      expect(pod, `a Ready pod of ${workload.metadata.name}`).toBeDefined();
      const { stdout } = await run(
        'kubectl',
        [
          'exec',
          '-n',
          workload.metadata.namespace,
          pod?.metadata?.name ?? '',
          '--',
          'node',
          '-e',
          'process.stdout.write(process.getuid() + ":" + process.getgid())',
        ],
        { timeout: 30_000 },
      );
      expect(stdout, workload.metadata.name).toBe('10001:10001');
    }
  });

  it('a new gateway version goes blue-green: the preview passes its analysis, waits for promotion while the active Service stays on blue, then takes the traffic', async () => {
    const selectorHash = async (service: string) =>
      (await core.readNamespacedService({ name: service, namespace })).spec?.selector?.[
        'rollouts-pod-template-hash'
      ];
    const rolloutStatus = async () =>
      JSON.parse(await kubectl(['get', 'rollout', 'gateway-service', '-n', namespace, '-o', 'json']))
        .status as {
        phase?: string;
        message?: string;
        currentPodHash?: string;
        stableRS?: string;
      };
    const blue = await selectorHash('gateway-service');
    expect(blue).toBeTruthy();
    // A new version of the pod template, as a new image tag would be.
    await kubectl([
      'patch',
      'rollout',
      'gateway-service',
      '-n',
      namespace,
      '--type=merge',
      '-p',
      JSON.stringify({
        spec: { template: { metadata: { annotations: { 'urr.guru/version': randomUUID() } } } },
      }),
    ]);
    const green = await eventually(
      'the green version paused for promotion after its analysis',
      async () => {
        const status = await rolloutStatus();
        if (status.phase !== 'Paused' || status.currentPodHash === blue)
          throw new Error(`${status.phase}: ${status.message ?? ''}`);
        return status.currentPodHash;
      },
      { timeoutMs: 300_000, intervalMs: 3_000 },
    );
    expect(await selectorHash('gateway-service-preview')).toBe(green);
    expect(await selectorHash('gateway-service')).toBe(blue);

    // `kubectl argo rollouts promote`: clear the pause on the status subresource.
    await kubectl([
      'patch',
      'rollout',
      'gateway-service',
      '-n',
      namespace,
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"pauseConditions":null}}',
    ]);
    await eventually(
      'the active Service on green, the Rollout Healthy',
      async () => {
        const status = await rolloutStatus();
        expect(await selectorHash('gateway-service')).toBe(green);
        expect(status.phase).toBe('Healthy');
      },
      { timeoutMs: 180_000, intervalMs: 3_000 },
    );
  }, 600_000);

  it('a second sync keeps the HPA bounds the operator owns and prunes an object the render no longer has', async () => {
    // What an earlier render had and this one does not: tracked as urr-services' own.
    await kubectl(
      ['apply', '-f', '-'],
      stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'dropped-from-the-render',
          namespace,
          labels: { 'app.kubernetes.io/part-of': 'urr' },
          annotations: {
            'argocd.argoproj.io/tracking-id': `urr-services:/ConfigMap:${namespace}/dropped-from-the-render`,
          },
        },
        data: { note: 'gone after the next sync' },
      }),
    );
    // The operator's pre-scaling, written under its own field manager.
    await kubectl([
      'patch',
      'hpa',
      'gateway-service',
      '-n',
      namespace,
      '--field-manager=ticketevent-operator',
      '--type=merge',
      '-p',
      '{"spec":{"minReplicas":2,"maxReplicas":7}}',
    ]);
    const second = (await deploy()).stdout;
    expect(second).toContain(`prune: /ConfigMap:${namespace}/dropped-from-the-render`);
    const configMaps = await core.listNamespacedConfigMap({ namespace });
    expect(configMaps.items.map((c) => c.metadata?.name)).not.toContain('dropped-from-the-render');
    const hpa = await autoscaling.readNamespacedHorizontalPodAutoscaler({
      name: 'gateway-service',
      namespace,
    });
    expect([hpa.spec?.minReplicas, hpa.spec?.maxReplicas]).toEqual([2, 7]);
  }, 600_000);

  it('kubectl apply of a TicketEvent opens its sale: the operator pod reconciles it Ready, writes the Tier-2 keys and the counters item, and its pre-scaling bounds are in force; a fan books and pays through the gateway Service, ending CONFIRMED', async () => {
    const ticketService = await core.readNamespacedService({ name: 'ticket-service', namespace });
    const ticketEnv = { url: `http://${ticketService.spec?.clusterIP}:3002` } as TicketTestEnv;
    const { event, seatIds } = await createSeatedSale(ticketEnv, newUser('admin'), {
      rows: 1,
      seatsPerRow: 2,
    });
    await redis.del(...allTier2KeysOf(event.id));

    // The concert-hall example, for this sale: what an organiser writes and applies.
    const example = parse(await readFile(join(repo, 'operator/examples/concert-hall.yaml'), 'utf8')) as {
      metadata: { name: string };
      spec: Record<string, unknown> & { sale: Record<string, string> };
    };
    const name = `synced-sale-${randomUUID().slice(0, 8)}`;
    example.metadata.name = name;
    example.spec.eventId = event.id;
    example.spec.sale = {
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    example.spec.scaling = {
      prescaleMinutes: 30,
      // Above the render's bounds (3–10), which the operator only ever raises; the HPA then scales the
      // gateway Rollout up to the new minimum at once.
      gateway: { minReplicas: 4, maxReplicas: 12 },
      queue: { minReplicas: 3, maxReplicas: 8 },
      ticket: { minReplicas: 3, maxReplicas: 10 },
    };
    await kubectl(['apply', '-n', namespace, '-f', '-'], stringify(example));

    await eventually(
      `TicketEvent ${name} Ready`,
      async () => {
        const live = JSON.parse(
          await kubectl(['get', 'ticketevent', name, '-n', namespace, '-o', 'json']),
        ) as {
          status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
        };
        const ready = live.status?.conditions?.find((c) => c.type === 'Ready');
        if (ready?.status !== 'True') throw new Error(JSON.stringify(live.status?.conditions ?? []));
      },
      pace,
    );
    expect(await redis.get(tier2Keys.maxUsers(event.id))).toBe('500');
    expect(await redis.sismember(tier2Keys.activeEvents(), event.id)).toBe(1);
    const counters = await dynamo.send(
      new GetItemCommand({
        TableName: defaultWaitingRoomTables.countersTable,
        Key: { [countersAttributes.eventId]: { S: event.id } },
      }),
    );
    expect(counters.Item).toBeDefined();
    await eventually(
      'the pre-scaling bounds on the HPAs',
      async () => {
        const bounds = async (hpa: string) => {
          const live = await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: hpa, namespace });
          return [live.spec?.minReplicas, live.spec?.maxReplicas];
        };
        expect(await bounds('gateway-service')).toEqual([4, 12]);
        expect(await bounds('queue-service')).toEqual([3, 8]);
        expect(await bounds('ticket-service')).toEqual([3, 10]);
      },
      pace,
    );
    await eventually(
      "the gateway Rollout scaled to the sale's minimum by its HPA",
      async () => {
        const gatewayRollout = (await workloads()).find((w) => w.metadata.name === 'gateway-service');
        if ((gatewayRollout?.status?.availableReplicas ?? 0) < 4)
          throw new Error(`${gatewayRollout?.status?.availableReplicas} available`);
      },
      pace,
    );

    // A fan signed in by auth-service (its key, as the auth pod holds it) with the waiting room's pass.
    const secrets = parseEnvLines(await readFile(join(stateDir, 'secrets.env'), 'utf8'));
    const authConfig = authConfigSchema.parse({
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      INTERNAL_API_TOKEN: secrets.INTERNAL_API_TOKEN,
      AUTH_JWT_PRIVATE_KEY: secrets.AUTH_JWT_PRIVATE_KEY,
      REFRESH_TOKEN_PEPPER: secrets.REFRESH_TOKEN_PEPPER,
    });
    const signer = await createAccessTokenSigner(accessTokenSignerOptionsOf(authConfig));
    const fan = newUser();
    const { token } = await signer.sign(fan);
    const tier1Pass = await signVwrToken(
      { eventId: event.id, subject: randomUUID(), userId: fan.id },
      VwrTokenKeyring.withRetired('k1', secrets.VWR_TOKEN_SECRET ?? ''),
    );
    const gateway = await core.readNamespacedService({ name: 'gateway-service', namespace });
    const reservationId = await bookAndPay({
      gateway: `http://${gateway.spec?.clusterIP}:3001`,
      eventId: event.id,
      seatId: seatIds[0] ?? '',
      accessToken: token,
      headers: { 'x-vwr-token': tier1Pass },
    });
    await expectConfirmed(settings.URR_PG_PORT ?? '', reservationId, fan.id);
  }, 600_000);
});
