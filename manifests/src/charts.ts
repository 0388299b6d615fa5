import { dataPorts, subnetPlan, vpcCidr } from '@urr/infra/network/subnet-plan';
import { type App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { AddonApplications, RootApplication } from './addons/addon-applications.js';
import { type AddonSettings, placeholderAddonSettings } from './addons/addon-settings.js';
import { UrrClusterAddonsChart } from './addons/cluster-addons-chart.js';
import { ExternalSecrets, secretRefsOf } from './addons/external-secrets.js';
import { helmAddons, monitoringNamespace } from './addons/helm-addons.js';
import { ArgoCdApplications } from './argocd-applications.js';
import { DatabaseBootstrapJob } from './db-bootstrap.js';
import { EdgeIngress } from './edge-ingress.js';
import { ExternalEndpoint } from './external-endpoint.js';
import { ImageRef } from './image-ref.js';
import { UrrMonitoringChart } from './monitoring/monitoring-chart.js';
import { NetworkPolicies } from './network-policies.js';
import { operatorName, operatorSelector, TicketEventOperator } from './operator.js';
import { PreviewReadyAnalysis } from './rollout.js';
import {
  type ExternalDependency,
  type KafkaSecurity,
  serviceUrlOf,
  type WorkloadId,
  workloadCatalog,
} from './service-catalog.js';
import { TicketEventCrd } from './ticket-event-crd.js';
import { selectorOf, UrrService } from './urr-service.js';

/** Workloads whose HPA bounds the operator sets before a sale (operator/src/hpa-bounds.ts `scaledServices`). */
export const operatorScaledWorkloads: readonly WorkloadId[] = ['gateway', 'queue', 'ticket'];

export interface UrrManifestSettings {
  /** Registry of the images (ECR); each workload's repository is `urr/{name}`. */
  readonly imageRegistry: string;
  /** The release's image tag, the same for every URR image (CI pushes `{sha}-{datetime}`). */
  readonly imageTag: string;
  /** MSK bootstrap brokers (host:port, the IAM listener 9098). */
  readonly kafkaBrokers: readonly string[];
  /** @default 'aws-msk-iam' */
  readonly kafkaSecurity?: KafkaSecurity;
  readonly awsRegion: string;
  readonly pspUrl: string;
  /** Git repository and revision that hold the synthesised YAML, for the Argo CD Applications. */
  readonly gitRepoUrl: string;
  readonly gitRevision: string;
  /** @default 'urr' */
  readonly servicesNamespace?: string;
  /** @default 'urr-system' */
  readonly operatorNamespace?: string;
  /** @default 'ticket-events.fifo' */
  readonly ticketEventsQueue?: string;
  /** @default 'http://zipkin.monitoring.svc.cluster.local:9411/api/v2/spans' */
  readonly zipkinUrl?: string;
  /** IRSA roles from the CDK compute stack (queue: SQS; the Kafka clients: MSK). @default none */
  readonly iamRoles?: Readonly<Partial<Record<WorkloadId | 'operator', string>>>;
  /** The ALB's listener certificate, security groups and web ACL (infra's AlbWebAclArn). @default none */
  readonly albCertificateArn?: string;
  readonly albSecurityGroupIds?: readonly string[];
  readonly albWebAclArn?: string;
  /** An AWS emulator standing in for DynamoDB and SQS (the local node, ADR 0031). @default none: AWS itself */
  readonly awsEndpointUrl?: string;
  /** Share of each service's CPU request reserved (the local node is 2 cores). @default 1 */
  readonly cpuRequestScale?: number;
  /** The cluster add-ons' AWS settings. @default placeholderAddonSettings(awsRegion) */
  readonly addons?: AddonSettings;
}

const addonSettingsOf = (settings: UrrManifestSettings) =>
  settings.addons ?? placeholderAddonSettings(settings.awsRegion);

/** Where the pods' external dependencies live: the VPC's subnets (infra/src/network/subnet-plan.ts). */
export function externalEndpoints(): Record<ExternalDependency | 'kube-apiserver', ExternalEndpoint> {
  const anywhereHttps = (name: string) => ExternalEndpoint.of(name, ['0.0.0.0/0'], [443]);
  return {
    // RDS Proxy's ENIs sit in the app subnets; the read replica is reached directly in the DB subnets.
    postgres: ExternalEndpoint.of(
      'postgres',
      [...subnetPlan.app.cidrs, ...subnetPlan.db.cidrs],
      [dataPorts.postgres],
    ),
    redis: ExternalEndpoint.of('redis', subnetPlan.cache.cidrs, [dataPorts.redis]),
    kafka: ExternalEndpoint.of('kafka', subnetPlan.streaming.cidrs, [dataPorts.kafkaTls, dataPorts.kafkaIam]),
    'aws-apis': anywhereHttps('aws-apis'),
    'internet-https': anywhereHttps('internet-https'),
    // EKS's control-plane ENIs are in the VPC.
    'kube-apiserver': ExternalEndpoint.of('kube-apiserver', [vpcCidr], [443]),
  };
}

/** The image of one workload: ECR repository `urr/{name}`, the release's tag. */
export const imageOf = (settings: UrrManifestSettings, name: string) =>
  ImageRef.of(settings.imageRegistry, `urr/${name}`, settings.imageTag);

const namespaceObject = (scope: Construct, name: string) =>
  new k8s.KubeNamespace(scope, `namespace-${name}`, {
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/part-of': 'urr',
        // Every URR pod runs non-root, read-only, without privileges: the restricted profile holds.
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  });

export class UrrCrdsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new TicketEventCrd(this, 'ticketevent');
  }
}

/** The services' workloads with this render's settings. */
export const workloadsOf = (settings: UrrManifestSettings) =>
  workloadCatalog({
    namespace: settings.servicesNamespace ?? 'urr',
    kafkaBrokers: settings.kafkaBrokers,
    awsRegion: settings.awsRegion,
    pspUrl: settings.pspUrl,
    zipkinUrl: settings.zipkinUrl ?? 'http://zipkin.monitoring.svc.cluster.local:9411/api/v2/spans',
    ticketEventsQueue: settings.ticketEventsQueue ?? 'ticket-events.fifo',
    ...(settings.awsEndpointUrl ? { awsEndpointUrl: settings.awsEndpointUrl } : {}),
    ...(settings.kafkaSecurity ? { kafkaSecurity: settings.kafkaSecurity } : {}),
  });

export class UrrServicesChart extends Chart {
  constructor(scope: Construct, id: string, settings: UrrManifestSettings) {
    super(scope, id);
    const namespace = settings.servicesNamespace ?? 'urr';
    const operatorNamespace = settings.operatorNamespace ?? 'urr-system';
    namespaceObject(this, namespace);
    const workloads = workloadsOf(settings);
    const analysis = new PreviewReadyAnalysis(this, 'preview-ready', {
      name: 'urr-preview-ready',
      namespace,
    });
    for (const spec of workloads)
      new UrrService(this, spec.id, {
        spec: { ...spec, resources: spec.resources.withCpuRequestScaled(settings.cpuRequestScale ?? 1) },
        namespace,
        image: imageOf(settings, spec.name),
        analysisTemplate: analysis.template.name,
        ...(settings.iamRoles?.[spec.id] ? { iamRoleArn: settings.iamRoles[spec.id] } : {}),
      });
    const endpoints = externalEndpoints();
    new DatabaseBootstrapJob(this, 'database-bootstrap', {
      namespace,
      postgres: endpoints.postgres,
    });
    new NetworkPolicies(this, 'network-policies', {
      namespace,
      workloads,
      external: endpoints,
      loadBalancerCidrs: subnetPlan.public.cidrs,
      foreignCallers: [
        { namespace: operatorNamespace, podLabels: operatorSelector, calls: 'ticket-service' },
        { namespace: operatorNamespace, podLabels: operatorSelector, calls: 'gateway-service' },
      ],
    });
    new EdgeIngress(this, 'edge', {
      namespace,
      api: { service: 'gateway-service', port: 3001 },
      web: { service: 'frontend', port: 3000 },
      ...(settings.albCertificateArn ? { certificateArn: settings.albCertificateArn } : {}),
      ...(settings.albSecurityGroupIds ? { securityGroupIds: settings.albSecurityGroupIds } : {}),
      ...(settings.albWebAclArn ? { webAclArn: settings.albWebAclArn } : {}),
    });
  }
}

export class UrrOperatorChart extends Chart {
  constructor(scope: Construct, id: string, settings: UrrManifestSettings) {
    super(scope, id);
    const namespace = settings.operatorNamespace ?? 'urr-system';
    const servicesNamespace = settings.servicesNamespace ?? 'urr';
    namespaceObject(this, namespace);
    const endpoints = externalEndpoints();
    new TicketEventOperator(this, 'operator', {
      namespace,
      watchNamespace: servicesNamespace,
      image: imageOf(settings, operatorName),
      ticketUrl: serviceUrlOf('ticket', servicesNamespace),
      ticketService: { labels: selectorOf('ticket-service'), port: 3002 },
      gatewayService: { name: 'gateway-service', labels: selectorOf('gateway-service'), port: 3001 },
      awsRegion: settings.awsRegion,
      apiServer: endpoints['kube-apiserver'],
      redis: endpoints.redis,
      awsApis: endpoints['aws-apis'],
      ...(settings.awsEndpointUrl ? { awsEndpointUrl: settings.awsEndpointUrl } : {}),
      ...(settings.iamRoles?.operator ? { iamRoleArn: settings.iamRoles.operator } : {}),
    });
  }
}

export interface UrrRenderedFiles {
  readonly crds: string;
  readonly operator: string;
  readonly services: string;
  readonly clusterAddons: string;
  readonly monitoring: string;
}

/** Every Application but the root: the add-ons (Helm charts, cluster-wide objects) and URR's own. */
export class UrrArgoCdChart extends Chart {
  constructor(scope: Construct, id: string, settings: UrrManifestSettings, files: UrrRenderedFiles) {
    super(scope, id);
    const servicesNamespace = settings.servicesNamespace ?? 'urr';
    new AddonApplications(this, 'addons', {
      repoUrl: settings.gitRepoUrl,
      targetRevision: settings.gitRevision,
      charts: helmAddons(addonSettingsOf(settings), settings.awsRegion),
      // After the External Secrets and Karpenter controllers (wave -20) that serve its kinds.
      directories: [
        { name: 'urr-cluster-addons', file: files.clusterAddons, namespace: 'default', syncWave: -5 },
        // After kube-prometheus-stack (wave -10), which serves its kinds; before URR's own (-2 and up).
        { name: 'urr-monitoring', file: files.monitoring, namespace: monitoringNamespace, syncWave: -4 },
      ],
    });
    new ArgoCdApplications(this, 'applications', {
      repoUrl: settings.gitRepoUrl,
      targetRevision: settings.gitRevision,
      manifests: [
        {
          name: 'urr-crds',
          file: files.crds,
          namespace: settings.operatorNamespace ?? 'urr-system',
          syncWave: -2,
        },
        {
          name: 'urr-operator',
          file: files.operator,
          namespace: settings.operatorNamespace ?? 'urr-system',
          syncWave: -1,
        },
        {
          name: 'urr-services',
          file: files.services,
          namespace: servicesNamespace,
          syncWave: 0,
          // The operator raises these bounds before a sale opens (operator/README.md, Pre-scaling).
          ignoreDifferences: operatorScaledWorkloads.map((id) => ({
            group: 'autoscaling',
            kind: 'HorizontalPodAutoscaler',
            name: `${id}-service`,
            namespace: servicesNamespace,
            jsonPointers: ['/spec/minReplicas', '/spec/maxReplicas'],
          })),
        },
      ],
    });
  }
}

/** The app-of-apps root: the one object a person applies, after installing Argo CD (manifests/README.md). */
export class UrrRootChart extends Chart {
  constructor(scope: Construct, id: string, settings: UrrManifestSettings, applicationsFile: string) {
    super(scope, id);
    new RootApplication(this, 'root', {
      repoUrl: settings.gitRepoUrl,
      targetRevision: settings.gitRevision,
      file: applicationsFile,
    });
  }
}

export interface UrrCharts {
  readonly crds: UrrCrdsChart;
  readonly operator: UrrOperatorChart;
  readonly services: UrrServicesChart;
  readonly clusterAddons: UrrClusterAddonsChart;
  readonly monitoring: UrrMonitoringChart;
  readonly argocd: UrrArgoCdChart;
  readonly root: UrrRootChart;
}

/**
 * The ExternalSecrets of a chart: one per Secret its pods read, read from its render once every other
 * object is in it, so that no secretKeyRef can go without its ExternalSecret.
 */
function withExternalSecrets(chart: Chart, namespace: string, settings: UrrManifestSettings): void {
  new ExternalSecrets(chart, 'external-secrets', {
    namespace,
    secrets: secretRefsOf(chart.toJson()),
    settings: addonSettingsOf(settings),
  });
}

/** Every chart of the platform; each becomes one `{id}.k8s.yaml` file that one Argo CD Application syncs. */
export function defineUrrCharts(app: App, settings: UrrManifestSettings): UrrCharts {
  const file = (id: string) => `${id}.k8s.yaml`;
  const crds = new UrrCrdsChart(app, 'urr-crds');
  const operator = new UrrOperatorChart(app, 'urr-operator', settings);
  withExternalSecrets(operator, settings.operatorNamespace ?? 'urr-system', settings);
  const services = new UrrServicesChart(app, 'urr-services', settings);
  withExternalSecrets(services, settings.servicesNamespace ?? 'urr', settings);
  const clusterAddons = new UrrClusterAddonsChart(app, 'urr-cluster-addons', {
    settings: addonSettingsOf(settings),
    region: settings.awsRegion,
  });
  const monitoring = new UrrMonitoringChart(app, 'urr-monitoring', {
    monitoringNamespace,
    servicesNamespace: settings.servicesNamespace ?? 'urr',
    operatorNamespace: settings.operatorNamespace ?? 'urr-system',
    workloads: workloadsOf(settings),
    alarmTopicArn: addonSettingsOf(settings).alarmTopicArn,
    region: settings.awsRegion,
  });
  const argocd = new UrrArgoCdChart(app, 'urr-argocd', settings, {
    crds: file('urr-crds'),
    operator: file('urr-operator'),
    services: file('urr-services'),
    clusterAddons: file('urr-cluster-addons'),
    monitoring: file('urr-monitoring'),
  });
  const root = new UrrRootChart(app, 'urr-root', settings, file('urr-argocd'));
  return { crds, operator, services, clusterAddons, monitoring, argocd, root };
}
