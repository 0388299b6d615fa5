import type { AddonSettings } from './addon-settings.js';
import { irsaAnnotation } from './addon-settings.js';

/** One add-on the platform runs from its upstream Helm chart, pinned, with the values URR relies on. */
export interface HelmAddon {
  /** Application name and Helm release name. */
  readonly name: string;
  readonly namespace: string;
  /** Helm repository URL (an OCI registry without scheme for OCI charts). */
  readonly repoUrl: string;
  readonly chart: string;
  /** The chart version, pinned: never a range. */
  readonly version: string;
  /** Lower waves sync first; every add-on syncs before URR's own Applications (waves -2 and up). */
  readonly syncWave: number;
  readonly values: Record<string, unknown>;
}

const applicationHealthCheck = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end',
  'end',
  'return hs',
].join('\n');

const requests = (cpu: string, memory: string) => ({ requests: { cpu, memory } });
const serviceAccount = (name: string, roleArn: string | undefined) => ({
  create: true,
  name,
  annotations: irsaAnnotation(roleArn),
});

/** The Grafana sidecar loads every ConfigMap with this label as a dashboard (urr-monitoring's dashboards). */
export const grafanaDashboardLabel = 'grafana_dashboard';
export const monitoringNamespace = 'monitoring';

/**
 * The cluster's add-ons, in sync order: the controllers the render's objects need first (CRDs,
 * webhooks), then what observes them. Each chart version is the one that ships the controller version
 * whose CRD schemas are vendored (crd-schemas-sources.ts), where there is one.
 */
export function helmAddons(settings: AddonSettings, region: string): HelmAddon[] {
  const roles = settings.iamRoles;
  return [
    {
      name: 'argo-cd',
      namespace: 'argocd',
      repoUrl: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: '9.4.1',
      syncWave: -30,
      values: {
        global: { domain: '' },
        configs: {
          // Argo CD 1.8+ no longer waits for a child Application's health: without this check the
          // root's sync waves would not hold the add-ons back until their controllers run.
          cm: { 'resource.customizations.health.argoproj.io_Application': applicationHealthCheck },
        },
        controller: { resources: requests('250m', '512Mi') },
        repoServer: { resources: requests('100m', '256Mi') },
        server: { resources: requests('50m', '128Mi') },
        redis: { resources: requests('50m', '64Mi') },
        applicationSet: { resources: requests('50m', '64Mi') },
        notifications: { enabled: false },
        dex: { enabled: false },
      },
    },
    {
      name: 'metrics-server',
      namespace: 'kube-system',
      repoUrl: 'https://kubernetes-sigs.github.io/metrics-server/',
      chart: 'metrics-server',
      version: '3.13.0',
      syncWave: -20,
      values: { replicas: 1, resources: requests('100m', '200Mi') },
    },
    {
      name: 'external-secrets',
      namespace: 'external-secrets',
      repoUrl: 'https://charts.external-secrets.io',
      chart: 'external-secrets',
      version: '1.3.2',
      syncWave: -20,
      values: {
        installCRDs: true,
        serviceAccount: serviceAccount('external-secrets', roles['external-secrets']),
        resources: requests('50m', '64Mi'),
        webhook: { resources: requests('50m', '64Mi') },
        certController: { resources: requests('50m', '64Mi') },
      },
    },
    {
      name: 'karpenter',
      namespace: 'karpenter',
      repoUrl: 'public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: '1.15.2',
      syncWave: -20,
      values: {
        replicas: 2,
        serviceAccount: serviceAccount('karpenter', roles.karpenter),
        settings: {
          clusterName: settings.clusterName,
          interruptionQueue: settings.karpenterInterruptionQueue,
        },
        controller: { resources: requests('250m', '512Mi') },
      },
    },
    {
      name: 'argo-rollouts',
      namespace: 'argo-rollouts',
      repoUrl: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-rollouts',
      version: '2.41.1',
      syncWave: -20,
      values: {
        installCRDs: true,
        controller: { replicas: 1, resources: requests('100m', '128Mi') },
        dashboard: { enabled: false },
      },
    },
    {
      name: 'aws-load-balancer-controller',
      namespace: 'kube-system',
      repoUrl: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
      version: '1.13.3',
      syncWave: -15,
      values: {
        clusterName: settings.clusterName,
        region,
        replicaCount: 2,
        serviceAccount: serviceAccount('aws-load-balancer-controller', roles['load-balancer-controller']),
        resources: requests('100m', '128Mi'),
      },
    },
    {
      name: 'external-dns',
      namespace: 'external-dns',
      repoUrl: 'https://kubernetes-sigs.github.io/external-dns/',
      chart: 'external-dns',
      version: '1.18.0',
      syncWave: -15,
      values: {
        provider: { name: 'aws' },
        env: [{ name: 'AWS_DEFAULT_REGION', value: region }],
        domainFilters: [settings.dnsZone],
        // Only records of this cluster's Ingresses, and never deletes what it did not create.
        txtOwnerId: settings.clusterName,
        policy: 'upsert-only',
        sources: ['ingress'],
        serviceAccount: serviceAccount('external-dns', roles['external-dns']),
        resources: requests('50m', '64Mi'),
      },
    },
    {
      name: 'kube-prometheus-stack',
      namespace: monitoringNamespace,
      repoUrl: 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      version: '77.6.2',
      syncWave: -10,
      values: {
        crds: { enabled: true },
        prometheusOperator: { resources: requests('100m', '128Mi') },
        prometheus: {
          serviceAccount: serviceAccount('prometheus', roles.prometheus),
          prometheusSpec: {
            resources: requests('500m', '2Gi'),
            retention: '24h',
            // ServiceMonitors and rules of every namespace, not only the release's.
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            remoteWrite: [
              {
                url: settings.ampRemoteWriteUrl,
                sigv4: { region },
                queueConfig: { maxSamplesPerSend: 1000, maxShards: 200, capacity: 2500 },
              },
            ],
          },
        },
        alertmanager: {
          enabled: true,
          alertmanagerSpec: { resources: requests('50m', '128Mi') },
        },
        grafana: {
          resources: requests('100m', '256Mi'),
          sidecar: {
            resources: requests('50m', '64Mi'),
            dashboards: {
              enabled: true,
              label: grafanaDashboardLabel,
              labelValue: '1',
              searchNamespace: 'ALL',
            },
          },
        },
        'kube-state-metrics': { resources: requests('50m', '128Mi') },
        'prometheus-node-exporter': { resources: requests('50m', '64Mi') },
      },
    },
    {
      name: 'loki',
      namespace: monitoringNamespace,
      repoUrl: 'https://grafana.github.io/helm-charts',
      chart: 'loki',
      version: '6.40.0',
      syncWave: -10,
      values: {
        deploymentMode: 'SingleBinary',
        loki: {
          auth_enabled: false,
          commonConfig: { replication_factor: 1 },
          storage: { type: 'filesystem' },
          schemaConfig: {
            configs: [
              {
                from: '2024-01-01',
                store: 'tsdb',
                object_store: 'filesystem',
                schema: 'v13',
                index: { prefix: 'index_', period: '24h' },
              },
            ],
          },
        },
        singleBinary: { replicas: 1, resources: requests('250m', '512Mi') },
        backend: { replicas: 0 },
        read: { replicas: 0 },
        write: { replicas: 0 },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        gateway: { enabled: false },
      },
    },
    {
      name: 'fluent-bit',
      namespace: monitoringNamespace,
      repoUrl: 'https://fluent.github.io/helm-charts',
      chart: 'fluent-bit',
      version: '0.54.0',
      syncWave: -9,
      values: {
        resources: requests('50m', '64Mi'),
        config: {
          outputs: [
            '[OUTPUT]',
            '    Name loki',
            '    Match kube.*',
            `    Host loki.${monitoringNamespace}.svc.cluster.local`,
            '    Port 3100',
            "    Labels job=fluent-bit, namespace=$kubernetes['namespace_name'], app=$kubernetes['labels']['app.kubernetes.io/name']",
          ].join('\n'),
        },
      },
    },
    {
      name: 'zipkin',
      namespace: monitoringNamespace,
      repoUrl: 'https://openzipkin.github.io/zipkin',
      chart: 'zipkin',
      version: '0.4.0',
      syncWave: -10,
      values: {
        fullnameOverride: 'zipkin',
        replicaCount: 1,
        zipkin: { storage: { type: 'mem' } },
        resources: requests('100m', '512Mi'),
      },
    },
  ];
}
