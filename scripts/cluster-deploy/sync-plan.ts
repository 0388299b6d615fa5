/**
 * What an Argo CD sync of URR's render does, as data: which Applications sync from the rendered
 * directory and in which order, which objects each applies in which wave, what a sync keeps of the live
 * objects (ignoreDifferences with RespectIgnoreDifferences) and what it prunes (docs/adr/0031-urr-synced-onto-the-local-node.md).
 * Pure: the runner (argo-sync.ts) does the I/O.
 */
import type { IgnoredDifference } from '@urr/manifests/argocd-applications';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One Application of the render that syncs a file of the rendered directory. */
export interface DirectoryApplication {
  readonly name: string;
  readonly syncWave: number;
  /** The file the Application's `directory.include` names. */
  readonly file: string;
  readonly namespace: string;
  readonly prune: boolean;
  /** Only kept when the Application says RespectIgnoreDifferences=true. */
  readonly keepLive: readonly IgnoredDifference[];
}

/** An Application the local sync does not apply (a Helm chart, another repository, the root). */
export interface OtherApplication {
  readonly name: string;
  readonly syncWave: number;
  readonly source: string;
  /** Why the local node goes without it, and what stands in for it there. */
  readonly reason: string;
}

export interface ApplicationsOfRender {
  readonly directory: readonly DirectoryApplication[];
  readonly other: readonly OtherApplication[];
}

const syncWaveAnnotation = 'argocd.argoproj.io/sync-wave';
/** Which file of the rendered directory an object came from (set by the runner when it reads the render). */
export const renderedFileAnnotation = 'urr.guru/rendered-file';

/** What already runs on the local node in place of an add-on chart (scripts/local-stack/node). */
const nodeStandIns: Readonly<Record<string, string>> = {
  'metrics-server': 'the node runs metrics-server from scripts/local-stack/node/addons.sh',
  'argo-rollouts': "the node runs Argo Rollouts' controller from scripts/local-stack/node/rollouts.sh",
  'argo-cd': 'this sync stands in for Argo CD (docs/adr/0031-urr-synced-onto-the-local-node.md)',
};

const outsideChartReason = (name: string) =>
  `a Helm chart from an outside repository cannot be rendered offline; ${nodeStandIns[name] ?? 'the local node runs URR without it (docs/adr/0027-cluster-add-ons-app-of-apps.md)'}`;
const hookAnnotation = 'argocd.argoproj.io/hook';
/** Argo CD 3's default resource tracking: `<app>:<group>/<kind>:<namespace>/<name>`. */
export const trackingAnnotation = 'argocd.argoproj.io/tracking-id';

const waveOf = (manifest: Manifest) => Number(manifest.metadata.annotations?.[syncWaveAnnotation] ?? 0);
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const isArgoApplication = (m: Manifest) =>
  m.kind === 'Application' && groupOf(m.apiVersion) === 'argoproj.io';

interface ApplicationSpec {
  source?: {
    repoURL?: string;
    chart?: string;
    targetRevision?: string;
    path?: string;
    directory?: { include?: string };
  };
  destination?: { namespace?: string };
  syncPolicy?: { automated?: { prune?: boolean }; syncOptions?: string[] };
  ignoreDifferences?: IgnoredDifference[];
}

/**
 * The render's Applications, split into those the local sync applies and the others, in wave order.
 * The app-of-apps root, whose file holds the other Applications, is among the others: the local sync
 * reads those Applications from the render itself.
 */
export function applicationsOf(objects: readonly Manifest[]): ApplicationsOfRender {
  const directory: DirectoryApplication[] = [];
  const other: OtherApplication[] = [];
  const applications = objects.filter(isArgoApplication);
  const filesOfApplications = new Set(
    applications.map((m) => m.metadata.annotations?.[renderedFileAnnotation]).filter(Boolean),
  );
  for (const application of applications) {
    const spec = (application.spec ?? {}) as ApplicationSpec;
    const file = spec.source?.directory?.include;
    const name = application.metadata.name;
    const syncWave = waveOf(application);
    if (!file || spec.source?.chart) {
      other.push({
        name,
        syncWave,
        source: spec.source?.chart
          ? ['Helm chart', spec.source.chart, spec.source.targetRevision, 'from', spec.source.repoURL]
              .filter(Boolean)
              .join(' ')
          : `${spec.source?.repoURL ?? '?'} ${spec.source?.path ?? ''}`.trim(),
        reason: spec.source?.chart
          ? outsideChartReason(name)
          : 'its source is not the rendered directory, which is all the local sync reads',
      });
      continue;
    }
    if (filesOfApplications.has(file)) {
      other.push({
        name,
        syncWave,
        source: `${file} of the render`,
        reason:
          'the app-of-apps root: the local sync reads the Applications of its file from the render itself',
      });
      continue;
    }
    const respect = spec.syncPolicy?.syncOptions?.includes('RespectIgnoreDifferences=true') ?? false;
    directory.push({
      name,
      syncWave,
      file,
      namespace: spec.destination?.namespace ?? 'default',
      prune: spec.syncPolicy?.automated?.prune ?? false,
      keepLive: respect ? (spec.ignoreDifferences ?? []) : [],
    });
  }
  const byWave = <T extends { syncWave: number; name: string }>(a: T, b: T) =>
    a.syncWave - b.syncWave || a.name.localeCompare(b.name);
  return { directory: directory.sort(byWave), other: other.sort(byWave) };
}

/**
 * Argo CD's order inside one wave: namespaces and definitions first, then what pods need, then the
 * workloads and what points at them (gitops-engine's kind order, shortened to the kinds URR renders).
 */
const kindOrder = [
  'Namespace',
  'CustomResourceDefinition',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'Service',
  'Deployment',
  'Rollout',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'NetworkPolicy',
  'Ingress',
];
const kindRank = (kind: string) => {
  const rank = kindOrder.indexOf(kind);
  return rank === -1 ? kindOrder.length : rank;
};

export interface SyncStep {
  readonly wave: number;
  /** PreSync hooks run (and must complete) before the wave-ordered objects. */
  readonly phase: 'PreSync' | 'Sync' | 'PostSync';
  readonly objects: readonly Manifest[];
}

/**
 * The steps of one Application's sync: its PreSync hooks, then its objects wave by wave, then its
 * PostSync hooks. Objects carry the tracking annotation that prune later reads.
 */
export function syncSteps(application: DirectoryApplication, objects: readonly Manifest[]): SyncStep[] {
  const tracked = objects.filter((m) => !isArgoApplication(m)).map((m) => withTracking(m, application.name));
  const phaseOf = (m: Manifest) => {
    const hook = m.metadata.annotations?.[hookAnnotation];
    return hook === 'PreSync' || hook === 'PostSync' ? hook : 'Sync';
  };
  const steps: SyncStep[] = [];
  for (const phase of ['PreSync', 'Sync', 'PostSync'] as const) {
    const inPhase = tracked.filter((m) => phaseOf(m) === phase);
    const waves = [...new Set(inPhase.map(waveOf))].sort((a, b) => a - b);
    for (const wave of waves)
      steps.push({
        wave,
        phase,
        objects: inPhase
          .filter((m) => waveOf(m) === wave)
          .sort((a, b) => kindRank(a.kind) - kindRank(b.kind)),
      });
  }
  return steps;
}

/** `<group>/<kind>:<namespace>/<name>`, the identity prune compares. */
export function identityOf(manifest: Manifest, defaultNamespace = ''): string {
  return `${groupOf(manifest.apiVersion)}/${manifest.kind}:${manifest.metadata.namespace ?? defaultNamespace}/${manifest.metadata.name}`;
}

function withTracking(manifest: Manifest, application: string): Manifest {
  return {
    ...manifest,
    metadata: {
      ...manifest.metadata,
      annotations: {
        ...manifest.metadata.annotations,
        [trackingAnnotation]: `${application}:${identityOf(manifest)}`,
      },
    },
  };
}

/**
 * The live objects an Application's sync deletes: tracked as its own, and no longer in its render.
 * Namespaced desired objects without a namespace are in the Application's destination namespace.
 */
export function pruneSet(
  application: DirectoryApplication,
  desired: readonly Manifest[],
  live: readonly Manifest[],
): Manifest[] {
  if (!application.prune) return [];
  const wanted = new Set(desired.map((m) => identityOf(m, m.metadata.namespace ?? '')));
  const wantedInDestination = new Set(desired.map((m) => identityOf(m, application.namespace)));
  return live.filter((m) => {
    // A ReplicaSet copies its Deployment's annotations; what a controller owns is its owner's business.
    if (Array.isArray(m.metadata.ownerReferences) && m.metadata.ownerReferences.length > 0) return false;
    const owner = m.metadata.annotations?.[trackingAnnotation]?.split(':')[0];
    if (owner !== application.name) return false;
    const identity = identityOf(m);
    return !wanted.has(identity) && !wantedInDestination.has(identity);
  });
}

/** Reads a JSON pointer (RFC 6901) in an object; undefined when a step is missing. */
function readPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function writePointer(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object') current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  const last = keys.at(-1);
  if (last !== undefined) current[last] = value;
}

/**
 * The object to apply: the desired one, except that fields the Application ignores and respects keep
 * their live values (the operator's pre-scaled HPA bounds survive a sync).
 */
export function keepIgnoredFields(
  application: DirectoryApplication,
  desired: Manifest,
  live: Manifest | undefined,
): Manifest {
  if (!live) return desired;
  const rules = application.keepLive.filter(
    (rule) =>
      rule.kind === desired.kind &&
      rule.group === groupOf(desired.apiVersion) &&
      rule.name === desired.metadata.name &&
      (rule.namespace === undefined ||
        rule.namespace === (desired.metadata.namespace ?? application.namespace)),
  );
  if (rules.length === 0) return desired;
  const kept = structuredClone(desired) as Manifest & Record<string, unknown>;
  for (const pointer of rules.flatMap((rule) => rule.jsonPointers)) {
    const value = readPointer(live, pointer);
    if (value !== undefined) writePointer(kept, pointer, value);
  }
  return kept;
}

/**
 * API groups of the add-ons whose controllers run in EKS only (External Secrets, Karpenter, the
 * Prometheus operator). The local node serves none of them: their objects are skipped there, with the
 * reason; any other kind the node does not serve stops the sync.
 */
const eksOnlyGroups: Readonly<Record<string, string>> = {
  'external-secrets.io':
    'External Secrets runs in EKS only; the local sync puts the stand-in Secrets in place',
  'karpenter.sh': 'Karpenter runs in EKS only; the local node is one node',
  'karpenter.k8s.aws': 'Karpenter runs in EKS only; the local node is one node',
  'monitoring.coreos.com': 'the Prometheus operator runs in EKS only',
};

export interface SkippedObject {
  readonly identity: string;
  readonly reason: string;
}

/** An object that exists for AWS only names why in this annotation; the local node skips it with that reason. */
export const eksOnlyAnnotation = 'urr.guru/eks-only';

/**
 * The objects to apply on a cluster that does not serve `unserved` (`apiVersion Kind` keys): objects of
 * an EKS-only add-on's kinds, and objects marked {@link eksOnlyAnnotation}, are skipped with the reason;
 * the kinds of any other group are `missing`.
 */
export function withoutUnservedKinds(
  objects: readonly Manifest[],
  unserved: readonly string[],
): { served: Manifest[]; skipped: SkippedObject[]; missing: string[] } {
  const unservedSet = new Set(unserved);
  const keyOf = (m: Manifest) => `${m.apiVersion} ${m.kind}`;
  const reasonOf = (m: Manifest) => eksOnlyGroups[groupOf(m.apiVersion) ?? ''];
  const skipped: SkippedObject[] = [];
  const missing = new Set<string>();
  const served = objects.filter((m) => {
    const eksOnly = m.metadata.annotations?.[eksOnlyAnnotation];
    if (eksOnly) {
      skipped.push({ identity: identityOf(m), reason: eksOnly });
      return false;
    }
    if (!unservedSet.has(keyOf(m))) return true;
    const reason = reasonOf(m);
    if (reason) skipped.push({ identity: identityOf(m), reason });
    else missing.add(keyOf(m));
    return false;
  });
  return { served, skipped, missing: [...missing] };
}
