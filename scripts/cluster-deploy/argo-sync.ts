import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Health, healthOf } from './health.js';
import {
  type DirectoryApplication,
  identityOf,
  keepIgnoredFields,
  type Manifest,
  pruneSet,
  syncSteps,
  withoutUnservedKinds,
} from './sync-plan.js';

const run = promisify(execFile);

/** Argo CD's field manager for server-side apply. */
export const fieldManager = 'argocd-controller';

export type Kubectl = (args: readonly string[], input?: string) => Promise<string>;

export function kubectlWith(kubeconfig: string): Kubectl {
  return async (args, input) => {
    const child = run('kubectl', ['--kubeconfig', kubeconfig, ...args], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    return (await child).stdout;
  };
}

export interface SyncOptions {
  readonly kubectl: Kubectl;
  readonly log: (line: string) => void;
  /** How long one wave may take to turn healthy. @default 300_000 */
  readonly waveTimeoutMs?: number;
}

/** The resource argument kubectl takes for an object: `kind.version.group` resolves every CRD unambiguously. */
const resourceOf = (m: Manifest) => {
  const [group, version] = m.apiVersion.includes('/') ? m.apiVersion.split('/') : ['', m.apiVersion];
  return group ? `${m.kind}.${version}.${group}` : m.kind;
};

async function readLive(kubectl: Kubectl, m: Manifest, namespace: string): Promise<Manifest | undefined> {
  const args = ['get', resourceOf(m), m.metadata.name, '-o', 'json', '--ignore-not-found'];
  const out = await kubectl(isNamespaced(m) ? [...args, '-n', m.metadata.namespace ?? namespace] : args);
  return out.trim() ? (JSON.parse(out) as Manifest) : undefined;
}

/** Kinds whose health the sync waits for (healthOf); any other object is healthy once applied. */
const kindsWithHealth = new Set(['CustomResourceDefinition', 'Deployment', 'StatefulSet', 'Rollout', 'Job']);
const clusterScoped = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding']);
const isNamespaced = (m: Manifest) => !clusterScoped.has(m.kind);

/** Namespaced objects without a namespace go to the Application's destination namespace. */
const inDestination = (m: Manifest, namespace: string): Manifest =>
  isNamespaced(m) && !m.metadata.namespace ? { ...m, metadata: { ...m.metadata, namespace } } : m;

async function apply(kubectl: Kubectl, objects: readonly Manifest[]): Promise<void> {
  if (objects.length === 0) return;
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
  await kubectl(
    [
      'apply',
      '--server-side',
      '--force-conflicts',
      '--validate=strict',
      `--field-manager=${fieldManager}`,
      '-f',
      '-',
    ],
    list,
  );
}

async function waitHealthy(
  options: SyncOptions,
  objects: readonly Manifest[],
  namespace: string,
): Promise<void> {
  const deadline = Date.now() + (options.waveTimeoutMs ?? 300_000);
  let lastReport = '';
  for (;;) {
    const verdicts: [Manifest, Health][] = [];
    for (const m of objects.filter((o) => kindsWithHealth.has(o.kind))) {
      const live = await readLive(options.kubectl, m, namespace);
      verdicts.push([m, live ? healthOf(live) : { settled: false, message: 'not found' }]);
    }
    const failed = verdicts.find(([, health]) => health.failed);
    if (failed)
      throw new Error(
        `${identityOf(failed[0], namespace)} ${failed[1].message}; its logs: kubectl logs -n ${namespace} job/${failed[0].metadata.name}`,
      );
    const waiting = verdicts.filter(([, health]) => !health.settled);
    if (waiting.length === 0) return;
    const report = waiting.map(([m, health]) => `${m.kind} ${m.metadata.name}: ${health.message}`).join('; ');
    if (Date.now() > deadline)
      throw new Error(
        `not healthy in time: ${report}; see kubectl get pods -n ${namespace} and kubectl describe`,
      );
    if (report !== lastReport) options.log(`  waiting: ${report}`);
    lastReport = report;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** The kinds of the objects that the API server does not serve (a CRD, or its controller, is missing). */
export async function unservedKinds(kubectl: Kubectl, objects: readonly Manifest[]): Promise<string[]> {
  const unserved: string[] = [];
  for (const apiVersion of new Set(objects.map((m) => m.apiVersion))) {
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const served = await kubectl(['get', '--raw', path])
      .then(
        (out) => new Set((JSON.parse(out) as { resources: { kind: string }[] }).resources.map((r) => r.kind)),
      )
      .catch(() => new Set<string>());
    for (const kind of new Set(objects.filter((m) => m.apiVersion === apiVersion).map((m) => m.kind)))
      if (!served.has(kind)) unserved.push(`${apiVersion} ${kind}`);
  }
  return unserved;
}

/** Every listable kind of the cluster, for prune (the API server's discovery, once per sync). */
async function listableKinds(kubectl: Kubectl): Promise<string[]> {
  const out = await kubectl(['api-resources', '--verbs=list,delete', '-o', 'name']);
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (name) =>
        name !== '' &&
        !name.startsWith('events') &&
        name !== 'pods' &&
        name !== 'endpointslices.discovery.k8s.io',
    );
}

async function liveTracked(kubectl: Kubectl): Promise<Manifest[]> {
  const kinds = await listableKinds(kubectl);
  const out = await kubectl([
    'get',
    kinds.join(','),
    '-A',
    '-l',
    'app.kubernetes.io/part-of=urr',
    '-o',
    'json',
  ]);
  return (JSON.parse(out) as { items: Manifest[] }).items;
}

/**
 * One Application's sync as Argo CD runs it with ServerSideApply=true: PreSync hooks (re-created and run
 * to completion), then wave after wave applied and waited on until healthy, then prune of what it tracks
 * and the render no longer has.
 */
export async function syncApplication(
  options: SyncOptions,
  application: DirectoryApplication,
  objects: readonly Manifest[],
): Promise<{ applied: number; pruned: string[] }> {
  const { kubectl, log } = options;
  const inPlace = objects.map((m) => inDestination(m, application.namespace));
  const { served, skipped, missing } = withoutUnservedKinds(inPlace, await unservedKinds(kubectl, inPlace));
  if (missing.length > 0)
    throw new Error(
      `${application.name}: the cluster does not serve ${missing.join(', ')}; install the CRD and its controller first (npm run cluster installs the local node's)`,
    );
  for (const { identity, reason } of skipped) log(`  skipped ${identity}: ${reason}`);
  const steps = syncSteps(application, served);
  let applied = 0;
  for (const step of steps) {
    const objectsToApply: Manifest[] = [];
    for (const desired of step.objects) {
      if (step.phase !== 'Sync') {
        // A hook is created anew each sync (Argo CD's BeforeHookCreation delete policy).
        await kubectl([
          'delete',
          resourceOf(desired),
          desired.metadata.name,
          '-n',
          desired.metadata.namespace ?? application.namespace,
          '--ignore-not-found',
          '--wait=true',
        ]);
      }
      const live =
        application.keepLive.length > 0 ? await readLive(kubectl, desired, application.namespace) : undefined;
      objectsToApply.push(keepIgnoredFields(application, desired, live));
    }
    log(`  ${step.phase} wave ${step.wave}: applying ${objectsToApply.length} objects`);
    await apply(kubectl, objectsToApply);
    applied += objectsToApply.length;
    await waitHealthy(options, objectsToApply, application.namespace);
  }
  const pruned = application.prune ? pruneSet(application, objects, await liveTracked(kubectl)) : [];
  for (const m of pruned) {
    log(`  prune: ${identityOf(m)}`);
    const args = ['delete', resourceOf(m), m.metadata.name, '--ignore-not-found', '--wait=false'];
    await kubectl(m.metadata.namespace ? [...args, '-n', m.metadata.namespace] : args);
  }
  return { applied, pruned: pruned.map((m) => identityOf(m)) };
}
