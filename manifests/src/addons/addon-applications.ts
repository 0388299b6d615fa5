import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { HelmAddon } from './helm-addons.js';

export const addonsProject = 'urr-addons';

export interface DirectoryAddon {
  /** Application name. */
  readonly name: string;
  /** File of the synthesised directory it syncs. */
  readonly file: string;
  readonly namespace: string;
  readonly syncWave: number;
}

export interface AddonApplicationsProps {
  readonly repoUrl: string;
  readonly targetRevision: string;
  /** @default 'manifests/dist' */
  readonly path?: string;
  /** @default 'argocd' */
  readonly namespace?: string;
  /** @default 'https://kubernetes.default.svc' */
  readonly destinationServer?: string;
  readonly charts: readonly HelmAddon[];
  /** Files of the render that hold cluster-wide add-on objects (the secret store, the node pools). */
  readonly directories: readonly DirectoryAddon[];
}

const syncPolicy = {
  automated: { prune: true, selfHeal: true },
  // Server-side apply: the CRDs of kube-prometheus-stack and Karpenter exceed the client-side annotation's limit.
  syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'],
  retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
};

/**
 * The cluster's add-ons as Argo CD Applications of their own project: each upstream chart pinned with
 * URR's values, and the render's files of cluster-wide add-on objects. Add-ons install CRDs, webhooks
 * and cluster roles, so this project may create any cluster-scoped kind; URR's own project may not.
 */
export class AddonApplications extends Construct {
  constructor(scope: Construct, id: string, props: AddonApplicationsProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'argocd';
    const server = props.destinationServer ?? 'https://kubernetes.default.svc';
    const labels = { 'app.kubernetes.io/part-of': 'urr' };
    const destinations = [
      ...new Set([...props.charts, ...props.directories].map((addon) => addon.namespace)),
    ];
    new ApiObject(this, 'project', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: addonsProject, namespace, labels },
      spec: {
        description: "The cluster's add-ons URR relies on",
        sourceRepos: [...new Set([props.repoUrl, ...props.charts.map((chart) => chart.repoUrl)])],
        destinations: destinations.map((destination) => ({ server, namespace: destination })),
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    });
    const application = (name: string, syncWave: number, spec: Record<string, unknown>) =>
      new ApiObject(this, name, {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: {
          name,
          namespace,
          labels,
          annotations: { 'argocd.argoproj.io/sync-wave': String(syncWave) },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: { project: addonsProject, ...spec, syncPolicy },
      });
    for (const chart of props.charts)
      application(chart.name, chart.syncWave, {
        source: {
          repoURL: chart.repoUrl,
          chart: chart.chart,
          targetRevision: chart.version,
          helm: { releaseName: chart.name, valuesObject: chart.values },
        },
        destination: { server, namespace: chart.namespace },
      });
    for (const directory of props.directories)
      application(directory.name, directory.syncWave, {
        source: {
          repoURL: props.repoUrl,
          targetRevision: props.targetRevision,
          path: props.path ?? 'manifests/dist',
          directory: { include: directory.file },
        },
        destination: { server, namespace: directory.namespace },
      });
  }
}

export interface RootApplicationProps {
  readonly repoUrl: string;
  readonly targetRevision: string;
  /** The file of the render that holds every other Application. */
  readonly file: string;
  /** @default 'manifests/dist' */
  readonly path?: string;
  /** @default 'argocd' */
  readonly namespace?: string;
}

export const rootApplicationName = 'urr-root';

/**
 * The app-of-apps root, the one object applied by hand after Argo CD is installed: it syncs the file of
 * Applications, and they everything else. In the default project: the projects it creates are in its file.
 */
export class RootApplication extends Construct {
  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'argocd';
    new ApiObject(this, 'root', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: rootApplicationName,
        namespace,
        labels: { 'app.kubernetes.io/part-of': 'urr' },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'default',
        source: {
          repoURL: props.repoUrl,
          targetRevision: props.targetRevision,
          path: props.path ?? 'manifests/dist',
          directory: { include: props.file },
        },
        destination: { server: 'https://kubernetes.default.svc', namespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
        },
      },
    });
  }
}
