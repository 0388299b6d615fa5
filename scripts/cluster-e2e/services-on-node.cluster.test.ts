import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStackSettings } from '../local-stack/stack-env.js';
import { type AppEntry, parseAppsList, parseEnvLines, podEnv } from './pod-env.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? '';
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const imagesDir = join(process.env.URR_CACHE_DIR ?? join(homedir(), '.cache', 'urr'), 'images');
const namespace = `urr-services-${process.pid}`;

interface BuiltImage {
  readonly name: string;
  readonly image: string;
  readonly archive: string;
}

/** The images `npm run images` built (its manifest.json), or none. */
function builtImages(): BuiltImage[] {
  const manifest = join(imagesDir, 'manifest.json');
  if (!existsSync(manifest)) return [];
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { images: BuiltImage[] }).images;
}

/** name → entry point of the images scripts/images/images.list declares. */
const declaredImages = new Map(
  readFileSync(join(repo, 'scripts/images/images.list'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/))
    .map(([name = '', , entry = '']) => [name, entry] as const),
);
const apps = parseAppsList(readFileSync(join(repo, 'scripts/apps.list'), 'utf8'));
const sharedEnv = {
  ...parseEnvLines(readFileSync(join(repo, 'scripts/local.env'), 'utf8')),
  ...parseEnvLines(readFileSync(join(stateDir, 'secrets.env'), 'utf8')),
};
const serverPorts = new Map(
  [
    [settings.URR_PG_PORT, settings.URR_PG_PORT],
    [settings.URR_REDIS_PORT, settings.URR_REDIS_PORT],
    [settings.URR_KAFKA_PORT, settings.URR_KAFKA_POD_PORT],
    [settings.URR_AWS_PORT, settings.URR_AWS_PORT],
  ].map(([from, to]) => [Number(from), Number(to)]),
);

/** The services' images (entry points under services/), each with the app that runs its entry point. */
const serviceEntries = [...declaredImages].filter(([, entry]) => entry.startsWith('services/'));
const built = new Map(builtImages().map((image) => [image.name, image]));
const servicesToRun = serviceEntries.flatMap(([name, entry]) => {
  const image = built.get(name);
  const app = apps.find((a) => a.entry === entry);
  return image && app ? [{ name, image, app }] : [];
});

const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const core = kubeConfig.makeApiClient(CoreV1Api);
const appsApi = kubeConfig.makeApiClient(AppsV1Api);

async function eventually<T>(what: string, attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

const isReady = (pod: V1Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

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
                  httpGet: { path: '/ready', port: 'http' },
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
    body: { metadata: { name: app.name }, spec: { selector: labels, ports: [{ port, targetPort: 'http' }] } },
  });
}

async function readyPod(app: AppEntry): Promise<V1Pod> {
  return eventually(
    `${app.name}: a Ready pod`,
    async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector: `app=${app.name}` });
      const ready = pods.items.find(isReady);
      if (!ready) {
        const states = pods.items.map((p) =>
          JSON.stringify(p.status?.containerStatuses?.[0]?.state ?? p.status?.phase),
        );
        throw new Error(`not Ready yet: ${states.join(', ') || 'no pod'}`);
      }
      return ready;
    },
    150_000,
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
            fetch(`http://${service.spec?.clusterIP}:${app.port}/ready`, {
              signal: AbortSignal.timeout(5_000),
            }),
          30_000,
        );
        const body = (await ready.json()) as { status: string; checks: Record<string, string> };
        expect(ready.status).toBe(200);
        expect(body.status).toBe('ready');
        expect(Object.values(body.checks).every((check) => check === 'up')).toBe(true);
      },
    );
  });
});
