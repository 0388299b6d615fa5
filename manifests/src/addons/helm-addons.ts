import { type AddonSettings, irsaAnnotation } from './addon-settings.js';
import { externalSecretsServiceAccount } from './external-secrets.js';

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
  /** The pods the chart runs, with the requests its values give them (capacity.ts adds them up). */
  readonly pods: readonly AddonPod[];
}

export interface AddonPod {
  readonly component: string;
  /** A count, or one on every node (a DaemonSet). */
  readonly replicas: number | 'per-node';
  readonly cpu: string;
  readonly memory: string;
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

const pod = (component: string, replicas: number | 'per-node', cpu: string, memory: string): AddonPod => ({
  component,
  replicas,
  cpu,
  memory,
});
/** The `resources` value of a pod's chart values. */
const resourcesOf = (of: AddonPod) => ({ requests: { cpu: of.cpu, memory: of.memory } });
const serviceAccount = (name: string, roleArn: string | undefined) => ({
  create: true,
  name,
  annotations: irsaAnnotation(roleArn),
});

/** The Grafana sidecar loads every ConfigMap with this label as a dashboard (urr-monitoring's dashboards). */
export const grafanaDashboardLabel = 'grafana_dashboard';
export const monitoringNamespace = 'monitoring';
/** Loki's Service (the loki chart names it after the release), where fluent-bit ships the logs. */
export const lokiHost = `loki.${monitoringNamespace}.svc.cluster.local`;
export const lokiPort = 3100;

/**
 * The cluster's add-ons, in sync order: the controllers the render's objects need first (CRDs,
 * webhooks), then what observes them. Each chart version is the one that ships the controller version
 * whose CRD schemas are vendored (crd-schemas-sources.ts), where there is one.
 */
export function helmAddons(settings: AddonSettings, region: string): HelmAddon[] {
  const roles = settings.iamRoles;
  const argoCd = {
    controller: pod('application-controller', 1, '250m', '512Mi'),
    repoServer: pod('repo-server', 1, '100m', '256Mi'),
    server: pod('server', 1, '50m', '128Mi'),
    redis: pod('redis', 1, '50m', '64Mi'),
    applicationSet: pod('applicationset-controller', 1, '50m', '64Mi'),
  };
  const metricsServer = pod('metrics-server', 1, '100m', '200Mi');
  const externalSecrets = {
    controller: pod('controller', 1, '50m', '64Mi'),
    webhook: pod('webhook', 1, '50m', '64Mi'),
    certController: pod('cert-controller', 1, '50m', '64Mi'),
  };
  const karpenter = pod('controller', 2, '250m', '512Mi');
  const rollouts = pod('controller', 1, '100m', '128Mi');
  const loadBalancerController = pod('controller', 2, '100m', '128Mi');
  const externalDns = pod('external-dns', 1, '50m', '64Mi');
  const monitoring = {
    operator: pod('prometheus-operator', 1, '100m', '128Mi'),
    prometheus: pod('prometheus', 1, '500m', '2Gi'),
    alertmanager: pod('alertmanager', 1, '50m', '128Mi'),
    grafana: pod('grafana', 1, '100m', '256Mi'),
    grafanaSidecar: pod('grafana dashboard sidecar', 1, '50m', '64Mi'),
    kubeStateMetrics: pod('kube-state-metrics', 1, '50m', '128Mi'),
    nodeExporter: pod('node-exporter', 'per-node', '50m', '64Mi'),
  };
  const loki = pod('loki', 1, '250m', '512Mi');
  const fluentBit = pod('fluent-bit', 'per-node', '50m', '64Mi');
  const zipkin = pod('zipkin', 1, '100m', '512Mi');
  return [
    {
      name: 'argo-cd',
      namespace: 'argocd',
      repoUrl: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: '9.4.1',
      syncWave: -30,
      values: {
        configs: {
          // Argo CD 1.8+ no longer waits for a child Application's health: without this check the
          // root's sync waves would not hold the add-ons back until their controllers run.
          cm: { 'resource.customizations.health.argoproj.io_Application': applicationHealthCheck },
        },
        controller: { replicas: argoCd.controller.replicas, resources: resourcesOf(argoCd.controller) },
        repoServer: { replicas: argoCd.repoServer.replicas, resources: resourcesOf(argoCd.repoServer) },
        server: { replicas: argoCd.server.replicas, resources: resourcesOf(argoCd.server) },
        redis: { resources: resourcesOf(argoCd.redis) },
        applicationSet: {
          replicas: argoCd.applicationSet.replicas,
          resources: resourcesOf(argoCd.applicationSet),
        },
        notifications: { enabled: false },
        dex: { enabled: false },
      },
      pods: Object.values(argoCd),
    },
    {
      name: 'metrics-server',
      namespace: 'kube-system',
      repoUrl: 'https://kubernetes-sigs.github.io/metrics-server/',
      chart: 'metrics-server',
      version: '3.13.0',
      syncWave: -20,
      values: { replicas: metricsServer.replicas, resources: resourcesOf(metricsServer) },
      pods: [metricsServer],
    },
    {
      name: 'external-secrets',
      namespace: externalSecretsServiceAccount.namespace,
      repoUrl: 'https://charts.external-secrets.io',
      chart: 'external-secrets',
      version: '1.3.2',
      syncWave: -20,
      values: {
        installCRDs: true,
        replicaCount: externalSecrets.controller.replicas,
        serviceAccount: serviceAccount(externalSecretsServiceAccount.name, roles['external-secrets']),
        resources: resourcesOf(externalSecrets.controller),
        webhook: {
          replicaCount: externalSecrets.webhook.replicas,
          resources: resourcesOf(externalSecrets.webhook),
        },
        certController: {
          replicaCount: externalSecrets.certController.replicas,
          resources: resourcesOf(externalSecrets.certController),
        },
      },
      pods: Object.values(externalSecrets),
    },
    {
      name: 'karpenter',
      namespace: 'karpenter',
      repoUrl: 'public.ecr.aws/karpenter',
      chart: 'karpenter',
      version: '1.15.2',
      syncWave: -20,
      values: {
        replicas: karpenter.replicas,
        serviceAccount: serviceAccount('karpenter', roles.karpenter),
        settings: {
          clusterName: settings.clusterName,
          interruptionQueue: settings.karpenterInterruptionQueue,
        },
        controller: { resources: resourcesOf(karpenter) },
      },
      pods: [karpenter],
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
        controller: { replicas: rollouts.replicas, resources: resourcesOf(rollouts) },
        dashboard: { enabled: false },
      },
      pods: [rollouts],
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
        replicaCount: loadBalancerController.replicas,
        serviceAccount: serviceAccount('aws-load-balancer-controller', roles['load-balancer-controller']),
        resources: resourcesOf(loadBalancerController),
      },
      pods: [loadBalancerController],
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
        resources: resourcesOf(externalDns),
      },
      pods: [externalDns],
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
        prometheusOperator: { resources: resourcesOf(monitoring.operator) },
        prometheus: {
          serviceAccount: serviceAccount('prometheus', roles.prometheus),
          prometheusSpec: {
            replicas: monitoring.prometheus.replicas,
            resources: resourcesOf(monitoring.prometheus),
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
          // Its IRSA role may publish to URR's alarm topic (urr-monitoring's AlertmanagerConfig).
          serviceAccount: serviceAccount('alertmanager', roles.alertmanager),
          alertmanagerSpec: {
            replicas: monitoring.alertmanager.replicas,
            resources: resourcesOf(monitoring.alertmanager),
            // urr-monitoring's AlertmanagerConfig routes the alerts of URR's namespaces, not only its own.
            alertmanagerConfigMatcherStrategy: { type: 'None' },
          },
        },
        grafana: {
          replicas: monitoring.grafana.replicas,
          resources: resourcesOf(monitoring.grafana),
          sidecar: {
            resources: resourcesOf(monitoring.grafanaSidecar),
            dashboards: {
              enabled: true,
              label: grafanaDashboardLabel,
              labelValue: '1',
              searchNamespace: 'ALL',
            },
          },
        },
        'kube-state-metrics': { resources: resourcesOf(monitoring.kubeStateMetrics) },
        'prometheus-node-exporter': { resources: resourcesOf(monitoring.nodeExporter) },
      },
      pods: Object.values(monitoring),
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
        singleBinary: { replicas: loki.replicas, resources: resourcesOf(loki) },
        backend: { replicas: 0 },
        read: { replicas: 0 },
        write: { replicas: 0 },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        gateway: { enabled: false },
      },
      pods: [loki],
    },
    {
      name: 'fluent-bit',
      namespace: monitoringNamespace,
      repoUrl: 'https://fluent.github.io/helm-charts',
      chart: 'fluent-bit',
      version: '0.54.0',
      syncWave: -9,
      values: {
        kind: 'DaemonSet',
        resources: resourcesOf(fluentBit),
        config: {
          outputs: [
            '[OUTPUT]',
            '    Name loki',
            '    Match kube.*',
            `    Host ${lokiHost}`,
            `    Port ${lokiPort}`,
            '    Labels job=fluent-bit',
            "    Label_keys $kubernetes['namespace_name'],$kubernetes['pod_name']",
          ].join('\n'),
        },
      },
      pods: [fluentBit],
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
        replicaCount: zipkin.replicas,
        zipkin: { storage: { type: 'mem' } },
        resources: resourcesOf(zipkin),
      },
      pods: [zipkin],
    },
  ];
}
