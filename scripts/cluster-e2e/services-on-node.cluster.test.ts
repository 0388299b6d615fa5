import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, AutoscalingV2Api, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { createAccessTokenSigner } from '@urr/auth';
import { accessTokenSignerOptionsOf, configSchema as authConfigSchema } from '@urr/auth/config';
import { userHeadersOf } from '@urr/common';
import { allTier2KeysOf, tier2Keys } from '@urr/common/queue/tier2-keys';
import { defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import {
  type Answer,
  call,
  createSeatedSale,
  expectStatus,
  newUser,
  type TicketTestEnv,
} from '@urr/ticket-service/testing';
import { createDynamoClient } from '@urr/vwr-shared/dynamo';
import { ensureWaitingRoomTables } from '@urr/vwr-shared/tables';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, isPodReady } from '../local-stack/node/cluster-testing.js';
import { readStackSettings } from '../local-stack/stack-env.js';
import { bookAndPay, expectConfirmed } from './booking-flow.js';
import { readBuiltImages, readLocalProcesses } from './local-processes.js';
import { type AppEntry, podEnv } from './pod-env.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? '';
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const namespace = `urr-services-${process.pid}`;

const {
  apps,
  sharedEnv,
  imageEntries: declaredImages,
  serverPorts,
} = readLocalProcesses(repo, stateDir, settings);

/**
 * The backend images that `npm start` runs as processes (services, the ticket worker's poller, the local
 * edge's Lambda host), each with the app that runs its entry point. The operator and the frontend run from
 * the render in urr-synced.cluster.test.ts.
 */
const serviceEntries = [...declaredImages].filter(([, entry]) => /^(services|lambdas)\//.test(entry));
/** The local edge stands in for CloudFront: it has no servers of its own to report, only /health. */
const readinessPathOf = (app: AppEntry) => (app.name === 'edge' ? '/health' : '/ready');
const built = new Map((readBuiltImages()?.images ?? []).map((image) => [image.name, image]));
const servicesToRun = serviceEntries.flatMap(([name, entry]) => {
  const image = built.get(name);
  const app = apps.find((a) => a.entry === entry);
  return image && app ? [{ name, image, app }] : [];
});

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const appsApi = kubeConfig.makeApiClient(AppsV1Api);
const autoscaling = kubeConfig.makeApiClient(AutoscalingV2Api);

async function deploy(name: string, image: string, app: AppEntry): Promise<void> {
  const labels = { app: app.name };
  const port = app.port ?? 0;
  await appsApi.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: app.name, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true },
            containers: [
              {
                name,
                image,
                imagePullPolicy: 'Never',
                env: Object.entries(podEnv({ app, apps, sharedEnv, nodeIp, serverPorts })).map(
                  ([key, value]) => ({ name: key, value }),
                ),
                ports: [{ name: 'http', containerPort: port }],
                readinessProbe: {
                  httpGet: { path: readinessPathOf(app), port: 'http' },
                  periodSeconds: 2,
                  timeoutSeconds: 3,
                },
                resources: { requests: { cpu: '10m', memory: '64Mi' }, limits: { memory: '384Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    },
  });
  await core.createNamespacedService({
    namespace,
    body: {
      metadata: { name: app.name },
      // The gateway is reached as a browser would without a load balancer: a NodePort on 127.0.0.1.
      spec: {
        ...(app.name === 'gateway' ? { type: 'NodePort' } : {}),
        selector: labels,
        ports: [{ port, targetPort: 'http' }],
      },
    },
  });
}

async function readyPod(app: AppEntry): Promise<V1Pod> {
  return eventually(
    `${app.name}: a Ready pod`,
    async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${app.name}` });
      const ready = pods.items.find(isPodReady);
      if (!ready) {
        const states = pods.items.map((p) =>
          JSON.stringify(p.status?.containerStatuses?.[0]?.state ?? p.status?.phase),
        );
        throw new Error(`not Ready yet: ${states.join(', ') || 'no pod'}`);
      }
      return ready;
    },
    { timeoutMs: 150_000, intervalMs: 1_000 },
  );
}

describe("URR's service images on the local node, reaching the servers outside it", () => {
  it('every service image of scripts/images/images.list has been built (npm run images)', () => {
    const missing = serviceEntries.map(([name]) => name).filter((name) => !built.has(name));
    expect(missing).toEqual([]);
  });

  describe.skipIf(servicesToRun.length === 0)('each built service image', () => {
    beforeAll(async () => {
      const archives = servicesToRun.map((s) => s.image.archive);
      await run('bash', [join(repo, 'scripts/local-stack/cluster.sh'), 'import', ...archives], {
        timeout: 240_000,
      });
      await core.createNamespace({ body: { metadata: { name: namespace } } });
      for (const { name, image, app } of servicesToRun) await deploy(name, image.image, app);
    });

    afterAll(async () => {
      await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    });

    it.each(servicesToRun.map((s) => [s.name, s.app] as const))(
      '%s: its pod becomes Ready (the /ready probe checks its servers through the node address) and runs as a non-root user',
      async (name, app) => {
        const pod = await readyPod(app);
        expect(pod.spec?.nodeName).toBe('urr-node');
        const { stdout } = await run(
          'kubectl',
          [
            'exec',
            '-n',
            namespace,
            pod.metadata?.name ?? '',
            '-c',
            name,
            '--',
            'node',
            '-e',
            'process.stdout.write(String(process.getuid()))',
          ],
          { timeout: 30_000 },
        );
        expect(Number(stdout)).toBeGreaterThan(0);
        const service = await core.readNamespacedService({ name: app.name, namespace });
        // kube-proxy programs the Service's endpoint a moment after the pod turns Ready.
        const ready = await eventually(
          `${app.name}: /ready through its Service`,
          () =>
            fetch(`http://${service.spec?.clusterIP}:${app.port}${readinessPathOf(app)}`, {
              signal: AbortSignal.timeout(5_000),
            }),
          { timeoutMs: 30_000, intervalMs: 1_000 },
        );
        const body = (await ready.json()) as { status: string; checks: Record<string, string> };
        expect(ready.status).toBe(200);
        if (readinessPathOf(app) === '/ready') {
          expect(body.status).toBe('ready');
          expect(Object.values(body.checks).every((check) => check === 'up')).toBe(true);
        }
      },
    );

    it('a ticket-service pod deleted mid-bookings: the Deployment replaces it, bookings resume, each buyer holds exactly one reservation in ticket_db, and a paid one ends CONFIRMED', async () => {
      const ticket = servicesToRun.find((s) => s.name === 'ticket-service')?.app;
      const payment = servicesToRun.find((s) => s.name === 'payment-service')?.app;
      if (!ticket || !payment) throw new Error('the ticket-service and payment-service images are needed');
      await run('kubectl', ['scale', '-n', namespace, 'deployment', ticket.name, '--replicas=2'], {
        timeout: 30_000,
      });
      const readyTicketPods = async (count: number) =>
        eventually(
          `${count} Ready ticket-service pods`,
          async () => {
            const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${ticket.name}` });
            const ready = pods.items.filter((pod) => isPodReady(pod) && !pod.metadata?.deletionTimestamp);
            if (ready.length < count) throw new Error(`${ready.length} Ready`);
            return ready.map((pod) => pod.metadata?.name ?? '');
          },
          { timeoutMs: 120_000, intervalMs: 1_000 },
        );
      const [victim] = await readyTicketPods(2);
      const serviceUrl = async (app: AppEntry) => {
        const service = await core.readNamespacedService({ name: app.name, namespace });
        return `http://${service.spec?.clusterIP}:${app.port}`;
      };
      // The test helpers only call the service's URL, as the gateway forwards requests.
      const ticketEnv = { url: await serviceUrl(ticket) } as TicketTestEnv;
      const paymentUrl = await serviceUrl(payment);
      const admin = newUser('admin');
      const { event, seatIds } = await createSeatedSale(ticketEnv, admin, { rows: 1, seatsPerRow: 8 });
      const buyers = seatIds.map(() => newUser());

      // A client retries a booking whose connection broke or that found no pod (5xx); a 4xx is an answer.
      const reserve = (index: number) =>
        eventually(
          `booking ${index}`,
          async () => {
            const answer: Answer = await call(ticketEnv, 'POST', '/api/v1/seats/reserve', {
              user: buyers[index],
              entryEventId: event.id,
              body: { eventId: event.id, seatIds: [seatIds[index]] },
            });
            if (answer.status >= 500) throw new Error(`HTTP ${answer.status}`);
            return answer;
          },
          { timeoutMs: 60_000, intervalMs: 1_000 },
        );
      const answers: Answer[] = [];
      for (const [index] of seatIds.entries()) {
        if (index === 3)
          await run('kubectl', ['delete', 'pod', '-n', namespace, victim ?? '', '--wait=false']);
        answers.push(await reserve(index));
      }
      const replaced = await readyTicketPods(2);
      expect(replaced).not.toContain(victim);
      expect(answers.map((a) => a.status)).toEqual(seatIds.map(() => 201));

      const db = new pg.Client({
        connectionString: `postgres://urr@127.0.0.1:${settings.URR_PG_PORT}/ticket_db`,
      });
      await db.connect();
      try {
        const rows = await db.query<{ user_id: string; count: string }>(
          'SELECT user_id, count(*) AS count FROM reservations WHERE event_id = $1 GROUP BY user_id',
          [event.id],
        );
        expect(new Map(rows.rows.map((r) => [r.user_id, Number(r.count)]))).toEqual(
          new Map(buyers.map((buyer) => [buyer.id, 1])),
        );

        const held = expectStatus(answers[0] as Answer, 201);
        const paid = await fetch(`${paymentUrl}/api/v1/payments/${held.paymentIntentId}/confirm`, {
          method: 'POST',
          headers: {
            ...userHeadersOf(buyers[0] ?? newUser()),
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({ cardNumber: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' }),
        });
        expect(paid.status).toBe(200);
        // payment-service's event reaches ticket-service through Kafka's pods listener.
        await eventually(
          'the paid reservation CONFIRMED',
          async () => {
            const row = await db.query<{ status: string }>('SELECT status FROM reservations WHERE id = $1', [
              held.id,
            ]);
            if (row.rows[0]?.status !== 'CONFIRMED') throw new Error(`status ${row.rows[0]?.status}`);
          },
          { timeoutMs: 60_000, intervalMs: 1_000 },
        );
      } finally {
        await db.end();
      }
    });

    it("the gateway's HPA, fed by metrics-server, scales it up under a bounded loopback load and stays within its bounds", async () => {
      const gateway = servicesToRun.find((s) => s.name === 'gateway-service')?.app;
      if (!gateway) throw new Error('the gateway-service image is needed');
      const bounds = { minReplicas: 1, maxReplicas: 3 };
      await autoscaling.createNamespacedHorizontalPodAutoscaler({
        namespace,
        body: {
          metadata: { name: gateway.name },
          spec: {
            scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: gateway.name },
            ...bounds,
            // 200% of the 10m CPU request: an idle gateway stays below it, a busy one does not.
            metrics: [
              {
                type: 'Resource',
                resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 200 } },
              },
            ],
          },
        },
      });
      const hpaStatus = async () =>
        (await autoscaling.readNamespacedHorizontalPodAutoscaler({ name: gateway.name, namespace })).status;
      // Idle first: the HPA has read the pod's CPU from metrics-server and wants no more replicas.
      const idle = await eventually(
        'an idle CPU reading',
        async () => {
          const status = await hpaStatus();
          if (status?.currentMetrics?.[0]?.resource?.current.averageUtilization === undefined)
            throw new Error(`status ${JSON.stringify(status)}`);
          return status;
        },
        { timeoutMs: 90_000, intervalMs: 1_000 },
      );
      expect(idle.desiredReplicas).toBe(1);

      const service = await core.readNamespacedService({ name: gateway.name, namespace });
      const url = `http://${service.spec?.clusterIP}:${gateway.port}/health`;
      // Bounded load: at most 120 s of eight loopback clients, stopped as soon as the HPA scales up.
      const stopAt = Date.now() + 120_000;
      let scaled = false;
      let requests = 0;
      const client = async () => {
        while (!scaled && Date.now() < stopAt) {
          await fetch(url, { signal: AbortSignal.timeout(5_000) })
            .then((r) => r.arrayBuffer())
            .catch(() => undefined);
          requests += 1;
        }
      };
      const watcher = async () => {
        while (!scaled && Date.now() < stopAt) {
          const status = await hpaStatus();
          scaled = (status?.desiredReplicas ?? 0) > 1;
          if (!scaled) await new Promise((resolve) => setTimeout(resolve, 2_000));
        }
      };
      await Promise.all([watcher(), ...Array.from({ length: 8 }, client)]);
      expect(scaled, `no scale-up after ${requests} requests`).toBe(true);
      const deployment = await eventually(
        'the gateway Deployment scaled up',
        async () => {
          const d = await appsApi.readNamespacedDeployment({ name: gateway.name, namespace });
          if ((d.spec?.replicas ?? 0) <= 1) throw new Error(`replicas ${d.spec?.replicas}`);
          return d;
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );
      expect(deployment.spec?.replicas).toBeLessThanOrEqual(bounds.maxReplicas);
    });

    it('a signed-in fan, admitted by the queue, books and pays for a seat through the gateway NodePort, ending CONFIRMED', async () => {
      const needed = [
        'gateway-service',
        'auth-service',
        'queue-service',
        'ticket-service',
        'payment-service',
        'test-psp',
      ];
      const missing = needed.filter((name) => !servicesToRun.some((s) => s.name === name));
      expect(missing).toEqual([]);
      const appOf = (name: string) => servicesToRun.find((s) => s.name === name)?.app as AppEntry;
      const gatewayService = await core.readNamespacedService({
        name: appOf('gateway-service').name,
        namespace,
      });
      const gateway = `http://127.0.0.1:${gatewayService.spec?.ports?.[0]?.nodePort}`;
      const ticketService = await core.readNamespacedService({
        name: appOf('ticket-service').name,
        namespace,
      });
      const ticketEnv = {
        url: `http://${ticketService.spec?.clusterIP}:${appOf('ticket-service').port}`,
      } as TicketTestEnv;
      const { event, seatIds } = await createSeatedSale(ticketEnv, newUser('admin'), {
        rows: 1,
        seatsPerRow: 2,
      });

      // The queue asks the counters table whether a Tier-1 room is active; in AWS the stack owns the table.
      const dynamo = createDynamoClient({
        endpoint: `http://127.0.0.1:${settings.URR_AWS_PORT}`,
        region: 'ap-northeast-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      onTestFinished(() => dynamo.destroy());
      await ensureWaitingRoomTables(dynamo, defaultWaitingRoomTables);

      // The sale's Tier-2 settings, as the operator writes them for a TicketEvent.
      const redis = new Redis(`redis://127.0.0.1:${settings.URR_REDIS_PORT}`);
      onTestFinished(async () => {
        await redis
          .multi()
          .srem(tier2Keys.activeEvents(), event.id)
          .del(...allTier2KeysOf(event.id))
          .exec();
        redis.disconnect();
      });
      await redis
        .multi()
        .set(tier2Keys.maxUsers(event.id), '10')
        .set(tier2Keys.threshold(event.id), '10')
        .set(tier2Keys.status(event.id), 'open')
        .sadd(tier2Keys.activeEvents(), event.id)
        .exec();
      // A fan signed in by auth-service: its access token, signed with the key the auth pod holds.
      const authConfig = authConfigSchema.parse({
        ...podEnv({ app: appOf('auth-service'), apps, sharedEnv, nodeIp, serverPorts }),
      });
      const signer = await createAccessTokenSigner(accessTokenSignerOptionsOf(authConfig));
      const fan = newUser();
      const { token } = await signer.sign(fan);
      const reservationId = await bookAndPay({
        gateway,
        eventId: event.id,
        seatId: seatIds[0] ?? '',
        accessToken: token,
      });
      await expectConfirmed(settings.URR_PG_PORT ?? '', reservationId, fan.id);
    });
  });
});
