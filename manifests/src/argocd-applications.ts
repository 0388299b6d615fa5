import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** A JSON pointer Argo CD must not compare or overwrite in one object. */
export interface IgnoredDifference {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly jsonPointers: readonly string[];
}

export interface SyncedManifest {
  /** Application name. */
  readonly name: string;
  /** File in the synthesised directory, e.g. urr-services.k8s.yaml. */
  readonly file: string;
  /** Namespace the file's namespaced objects default to. */
  readonly namespace: string;
  /** Lower waves sync first (CRD, then operator, then services). */
  readonly syncWave: number;
  /** @default [] */
  readonly ignoreDifferences?: readonly IgnoredDifference[];
}

export interface ArgoCdApplicationsProps {
  /** Git repository Argo CD reads, e.g. https://github.com/urr/urr.git. */
  readonly repoUrl: string;
  /** Branch, tag or commit that holds the synthesised YAML. */
  readonly targetRevision: string;
  /** Directory of the synthesised YAML in that revision. @default 'manifests/dist' */
  readonly path?: string;
  /** Where Argo CD runs. @default 'argocd' */
  readonly namespace?: string;
  /** @default 'https://kubernetes.default.svc' */
  readonly destinationServer?: string;
  readonly manifests: readonly SyncedManifest[];
}

export const argoCdProject = 'urr';

/**
 * An AppProject and one Application per synthesised file, auto-synced with prune and self-heal. Fields the
 * operator owns are ignored and kept (RespectIgnoreDifferences), so a sync never undoes pre-scaling.
 */
export class ArgoCdApplications extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdApplicationsProps) {
    super(scope, id);
    if (!/^(https:\/\/|ssh:\/\/|git@)\S+$/.test(props.repoUrl))
      throw new Error(
        `ArgoCdApplications: repoUrl "${props.repoUrl}" must be an https://, ssh:// or git@ Git URL`,
      );
    if (props.targetRevision.trim() === '')
      throw new Error('ArgoCdApplications: targetRevision must name a branch, tag or commit');
    const namespace = props.namespace ?? 'argocd';
    const server = props.destinationServer ?? 'https://kubernetes.default.svc';
    const labels = { 'app.kubernetes.io/part-of': 'urr' };
    const namespaces = [...new Set(props.manifests.map((manifest) => manifest.namespace))];

    new ApiObject(this, 'project', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: argoCdProject, namespace, labels },
      spec: {
        description: 'URR ticketing platform',
        sourceRepos: [props.repoUrl],
        destinations: namespaces.map((destination) => ({ server, namespace: destination })),
        clusterResourceWhitelist: [
          { group: '', kind: 'Namespace' },
          { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
          { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
        ],
      },
    });

    for (const manifest of props.manifests) {
      const ignoreDifferences = manifest.ignoreDifferences ?? [];
      new ApiObject(this, manifest.name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name: manifest.name,
          namespace,
          labels,
          annotations: { 'argocd.argoproj.io/sync-wave': String(manifest.syncWave) },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: argoCdProject,
          source: {
            repoURL: props.repoUrl,
            targetRevision: props.targetRevision,
            path: props.path ?? 'manifests/dist',
            directory: { include: manifest.file },
          },
          destination: { server, namespace: manifest.namespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: [
              'ServerSideApply=true',
              ...(ignoreDifferences.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
            ],
            retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
          },
          ...(ignoreDifferences.length > 0 ? { ignoreDifferences } : {}),
        },
      });
    }
  }
}
