/**
 * `npm run cluster -- deploy`: URR onto the local node the way Argo CD syncs it in EKS (docs/adr/0031-urr-synced-onto-the-local-node.md).
 * Renders the manifests for the node, imports the images `npm run images` built, puts the stand-ins for
 * what is outside EKS in place, then syncs every Application of the render that tracks the rendered
 * directory, in sync-wave order, with server-side apply, waiting for health, and pruning.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { imagesDir, readBuiltImages, readLocalProcesses } from '../cluster-e2e/local-processes.js';
import { podEnv } from '../cluster-e2e/pod-env.js';
import { readStackSettings } from '../local-stack/stack-env.js';
import { type Kubectl, kubectlWith, syncApplication } from './argo-sync.js';
import {
  type OutsideServer,
  outsideAddress,
  outsideNamespace,
  outsideServerObjects,
  standInSecrets,
  testPspObjects,
  throughOutsideServices,
} from './stand-ins.js';
import { applicationsOf, type Manifest, renderedFileAnnotation } from './sync-plan.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '..', '..');
const stateDir = process.env.URR_STATE_DIR ?? '/tmp/urr-stack';
const started = performance.now();
const log = (line: string) => console.log(`[deploy ${new Date().toISOString().slice(11, 19)}] ${line}`);
const die = (line: string): never => {
  console.error(`[deploy] ${line}`);
  process.exit(1);
};

const settings = readStackSettings();
const nodeIp = settings.URR_NODE_IP ?? die('ports.env names no URR_NODE_IP');
const outside: OutsideServer[] = [
  { name: 'postgres', port: 5432, nodePort: Number(settings.URR_PG_PORT) },
  { name: 'redis', port: 6379, nodePort: Number(settings.URR_REDIS_PORT) },
  { name: 'kafka', port: 9092, nodePort: Number(settings.URR_KAFKA_POD_PORT) },
  { name: 'aws', port: 4566, nodePort: Number(settings.URR_AWS_PORT) },
];
const addressOf = (name: string) => outsideAddress(outside.find((s) => s.name === name) as OutsideServer);

/** The render for the node: the local images, the outside Services, an AWS emulator, a 2-core budget. */
async function render(tag: string, pspPort: number): Promise<{ dir: string; objects: Manifest[] }> {
  const dir = join(stateDir, 'node', 'render');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run('node', ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(repo, 'manifests'),
    timeout: 180_000,
    env: {
      ...process.env,
      CDK8S_OUTDIR: dir,
      URR_IMAGE_REGISTRY: 'localhost',
      URR_IMAGE_TAG: tag,
      URR_KAFKA_BROKERS: addressOf('kafka'),
      URR_KAFKA_SECURITY: 'plaintext',
      URR_AWS_ENDPOINT_URL: `http://${addressOf('aws')}`,
      URR_PSP_URL: `http://test-psp.${outsideNamespace}.svc.cluster.local:${pspPort}`,
      URR_CPU_REQUEST_SCALE: process.env.URR_CPU_REQUEST_SCALE ?? '0.2',
    },
  });
  const objects: Manifest[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort())
    for (const document of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) {
      const object = document.toJS() as Manifest | null;
      if (object)
        objects.push({
          ...object,
          metadata: {
            ...object.metadata,
            annotations: { ...object.metadata.annotations, [renderedFileAnnotation]: file },
          },
        });
    }
  return { dir, objects };
}

/** name of an image → the local environment of the app that runs its entry point. */
function localEnvironments(): (imageName: string) => Record<string, string> | undefined {
  const { apps, sharedEnv, imageEntries, serverPorts } = readLocalProcesses(repo, stateDir, settings);
  return (imageName) => {
    const app = apps.find((a) => a.entry === imageEntries.get(imageName));
    if (!app) return undefined;
    const env = podEnv({ app, apps, sharedEnv, nodeIp, serverPorts });
    return Object.fromEntries(
      Object.entries(env).map(([key, value]) => [key, throughOutsideServices(value, nodeIp, outside)]),
    );
  };
}

const imageNameOf = (workload: Manifest) => {
  const spec = workload.spec as { template?: { spec?: { containers?: { image?: string }[] } } };
  const image = spec.template?.spec?.containers?.[0]?.image ?? '';
  return /\/urr\/([^:/]+):/.exec(image)?.[1] ?? '';
};

async function applyStandIns(kubectl: Kubectl, objects: readonly Manifest[]): Promise<void> {
  await kubectl(
    ['apply', '--server-side', '--force-conflicts', '--field-manager=urr-local-node', '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  );
}

async function main(): Promise<void> {
  const kubectl = kubectlWith(join(stateDir, 'kube', 'kubeconfig'));
  await kubectl(['get', '--raw', '/readyz']).catch(() =>
    die('the local node is not up: run npm run cluster first'),
  );

  const { tag, images } = readBuiltImages() ?? die(`no images in ${imagesDir}: run npm run images first`);
  const psp = images.find((i) => i.name === 'test-psp') ?? die('no test-psp image: run npm run images');
  log(`[1/5] rendering the manifests for the node (images localhost/urr/*:${tag})`);
  const { dir, objects } = await render(tag, psp.port);
  const workloads = objects.filter((m) => ['Deployment', 'Rollout'].includes(m.kind));
  const needed = [...new Set([...workloads.map(imageNameOf), 'test-psp'])];
  const archives = needed.map(
    (name) => images.find((i) => i.name === name)?.archive ?? die(`no image ${name}: run npm run images`),
  );
  log(`[2/5] importing ${archives.length} images into the node's containerd`);
  await run('bash', [join(repo, 'scripts/local-stack/cluster.sh'), 'import', ...archives], {
    timeout: 600_000,
  });

  log(
    `[3/5] what stands in for the outside of EKS: ${outside.map((s) => s.name).join(', ')}, the test PSP, the Secrets`,
  );
  const envOfImage = localEnvironments();
  const { secrets, missing } = standInSecrets(objects, (workload) => envOfImage(imageNameOf(workload)));
  if (missing.length > 0)
    die(`no local value for: ${missing.join('; ')} (scripts/local.env or the generated secrets)`);
  const namespaces = objects.filter((m) => m.kind === 'Namespace');
  await applyStandIns(kubectl, [
    ...outsideServerObjects(nodeIp, outside),
    ...testPspObjects(psp.image, psp.port, envOfImage('test-psp') ?? {}),
    ...namespaces,
    ...secrets,
  ]);

  const { directory, other } = applicationsOf(objects);
  for (const application of other)
    log(`[4/5] not synced here: ${application.name} (${application.source}): ${application.reason}`);
  for (const application of directory) {
    const own = objects.filter((m) => m.metadata.annotations?.[renderedFileAnnotation] === application.file);
    if (own.length === 0)
      die(`Application ${application.name} tracks ${application.file}, which the render in ${dir} lacks`);
    log(
      `[4/5] syncing ${application.name} (wave ${application.syncWave}): ${own.length} objects from ${application.file}`,
    );
    const result = await syncApplication({ kubectl, log }, application, own.map(withoutRenderNote));
    log(`      ${application.name} synced: ${result.applied} applied, ${result.pruned.length} pruned`);
  }
  const gateway = JSON.parse(
    await kubectl(['get', 'service', 'gateway-service', '-n', 'urr', '-o', 'json']),
  ) as {
    spec: { clusterIP: string; ports: { port: number }[] };
  };
  log(
    `[5/5] URR synced in ${Math.round((performance.now() - started) / 1000)} s: gateway http://${gateway.spec.clusterIP}:${gateway.spec.ports[0]?.port} (from this machine); kubectl get pods -n urr`,
  );
}

function withoutRenderNote(m: Manifest): Manifest {
  const { [renderedFileAnnotation]: _, ...annotations } = m.metadata.annotations ?? {};
  return { ...m, metadata: { ...m.metadata, annotations } };
}

await main().catch((error: unknown) => die(error instanceof Error ? error.message : String(error)));
