import { defaultWaitingRoomTables } from '@urr/common/vwr/counters-item';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvVar } from './env-var.js';
import type { ExternalEndpoint } from './external-endpoint.js';
import type { ImageRef } from './image-ref.js';
import { podTemplate } from './pod-template.js';
import { ResourceBudget } from './resource-budget.js';
import { secretContract } from './secret-contract.js';
import { awsEmulatorEnv } from './service-catalog.js';

export const operatorName = 'ticketevent-operator';
export const operatorSelector = { 'app.kubernetes.io/name': operatorName };

export interface TicketEventOperatorProps {
  /** Where the operator runs (its Lease lives here too). */
  readonly namespace: string;
  /** The namespace whose TicketEvents it reconciles and whose HPAs it pre-scales (the services' namespace). */
  readonly watchNamespace: string;
  readonly image: ImageRef;
  /** ticket-service's base URL, for the seat figures that detect a sell-out. */
  readonly ticketUrl: string;
  /** Workload of ticket-service (egress allow-list). */
  readonly ticketService: { readonly labels: Record<string, string>; readonly port: number };
  /**
   * gateway-service, whose pods' /metrics pace admission by booking health (ADR 0036): the operator lists
   * the Service's EndpointSlices and scrapes each ready pod.
   */
  readonly gatewayService: {
    readonly name: string;
    readonly labels: Record<string, string>;
    readonly port: number;
  };
  readonly awsRegion: string;
  /** Reachable kube-apiserver addresses (EKS's ENIs in the VPC, port 443). */
  readonly apiServer: ExternalEndpoint;
  readonly redis: ExternalEndpoint;
  /** DynamoDB over HTTPS. */
  readonly awsApis: ExternalEndpoint;
  /** An AWS emulator standing in for DynamoDB (the local node). @default none: AWS itself */
  readonly awsEndpointUrl?: string;
  /** IAM role for the DynamoDB counters table (IRSA); unset: the node's role. @default none */
  readonly iamRoleArn?: string;
  /** Replicas sharing one Lease; only the holder reconciles. @default 2 */
  readonly replicas?: number;
  /** @default urr-vwr-counters (services/common/src/vwr/counters-item.ts) */
  readonly countersTable?: string;
  /** Namespace of Prometheus. @default 'monitoring' */
  readonly monitoringNamespace?: string;
}

const port = 8081;

/**
 * The TicketEvent operator (operator/README.md): two replicas with leader election, least-privilege RBAC
 * (TicketEvents, their status and finalizers, HPAs, Events and the EndpointSlices of the gateway it scrapes
 * in the watched namespace only; Leases in its own), the CRD installed by the manifests rather than at start, and its own default-deny policies.
 */
export class TicketEventOperator extends Construct {
  constructor(scope: Construct, id: string, props: TicketEventOperatorProps) {
    super(scope, id);
    const replicas = props.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1)
      throw new Error(`TicketEventOperator: replicas ${replicas} must be a whole number of at least 1`);
    const { namespace } = props;
    const labels = {
      ...operatorSelector,
      'app.kubernetes.io/part-of': 'urr',
      'app.kubernetes.io/component': 'operator',
      'app.kubernetes.io/version': props.image.tag,
    };
    const metadata = { name: operatorName, namespace, labels };

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        ...metadata,
        ...(props.iamRoleArn ? { annotations: { 'eks.amazonaws.com/role-arn': props.iamRoleArn } } : {}),
      },
    });

    const clusterRole = new k8s.KubeClusterRole(this, 'cluster-role', {
      metadata: { name: `urr-${operatorName}`, labels },
      rules: [
        {
          apiGroups: ['urr.guru'],
          resources: ['ticketevents'],
          verbs: ['get', 'list', 'watch', 'patch', 'update'],
        },
        { apiGroups: ['urr.guru'], resources: ['ticketevents/status'], verbs: ['get', 'patch', 'update'] },
        { apiGroups: ['urr.guru'], resources: ['ticketevents/finalizers'], verbs: ['update'] },
        {
          apiGroups: ['autoscaling'],
          resources: ['horizontalpodautoscalers'],
          verbs: ['get', 'list', 'watch', 'create', 'patch', 'update'],
        },
        { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create', 'patch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list'] },
      ],
    });
    const subjects = [{ kind: 'ServiceAccount', name: operatorName, namespace }];
    // A ClusterRole bound by a RoleBinding: the rights hold in the watched namespace only.
    new k8s.KubeRoleBinding(this, 'watch-binding', {
      metadata: { name: `urr-${operatorName}`, namespace: props.watchNamespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole.name },
      subjects,
    });
    const leaseRole = new k8s.KubeRole(this, 'lease-role', {
      metadata: { name: `${operatorName}-leader-election`, namespace, labels },
      rules: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
      ],
    });
    new k8s.KubeRoleBinding(this, 'lease-binding', {
      metadata: { name: `${operatorName}-leader-election`, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: leaseRole.name },
      subjects,
    });

    new k8s.KubeDeployment(this, 'deployment', {
      metadata,
      spec: {
        replicas,
        revisionHistoryLimit: 3,
        selector: { matchLabels: operatorSelector },
        template: podTemplate({
          name: operatorName,
          labels,
          image: props.image,
          port,
          portName: 'http-metrics',
          serviceAccountName: operatorName,
          automountServiceAccountToken: true,
          livenessPath: '/healthz',
          // The operator has no dependency-aware readiness: every replica is ready, the Lease picks the leader.
          readinessPath: '/health',
          resources: ResourceBudget.of({
            cpuRequest: '100m',
            memoryRequest: '128Mi',
            cpuLimit: '500m',
            memoryLimit: '256Mi',
          }),
          env: [
            EnvVar.value('NODE_ENV', 'production'),
            // A young generation of 2 MB keeps 500 sales' reconciles within 105 MB (docs/adr/0050).
            EnvVar.value('NODE_OPTIONS', '--max-semi-space-size=2 --max-old-space-size=96'),
            EnvVar.value('OPERATOR_PORT', port),
            EnvVar.value('LOG_LEVEL', 'info'),
            EnvVar.value('WATCH_NAMESPACE', props.watchNamespace),
            EnvVar.fromField('LEASE_NAMESPACE', 'metadata.namespace'),
            EnvVar.fromField('POD_NAME', 'metadata.name'),
            EnvVar.value('INSTALL_CRD', false),
            EnvVar.value('AWS_REGION', props.awsRegion),
            EnvVar.value('VWR_COUNTERS_TABLE', props.countersTable ?? defaultWaitingRoomTables.countersTable),
            EnvVar.value('TICKET_URL', props.ticketUrl),
            EnvVar.value('GATEWAY_METRICS_SERVICE', props.gatewayService.name),
            EnvVar.fromSecret('REDIS_URL', secretContract.redisUrl),
            EnvVar.fromSecret('INTERNAL_API_TOKEN', secretContract.internalApiToken),
            ...awsEmulatorEnv(props.awsEndpointUrl),
          ],
        }),
      },
    });

    new k8s.KubeService(this, 'metrics', {
      metadata: { name: `${operatorName}-metrics`, namespace, labels },
      spec: {
        selector: operatorSelector,
        ports: [{ name: 'http-metrics', port, targetPort: k8s.IntOrString.fromString('http-metrics') }],
      },
    });

    new k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata,
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: operatorSelector } },
    });

    const tcp = (value: number) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(value) });
    const toEndpoint = (endpoint: ExternalEndpoint) => ({
      to: endpoint.cidrs.map((cidr) => ({
        ipBlock: endpoint.except.length > 0 ? { cidr, except: [...endpoint.except] } : { cidr },
      })),
      ports: endpoint.ports.map(tcp),
    });
    const byName = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
    new k8s.KubeNetworkPolicy(this, 'default-deny', {
      metadata: { name: 'default-deny-all', namespace, labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata,
      spec: {
        podSelector: { matchLabels: operatorSelector },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [{ namespaceSelector: byName(props.monitoringNamespace ?? 'monitoring') }],
            ports: [tcp(port)],
          },
        ],
        egress: [
          {
            to: [
              {
                namespaceSelector: byName('kube-system'),
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, tcp(53)],
          },
          toEndpoint(props.apiServer),
          toEndpoint(props.redis),
          toEndpoint(props.awsApis),
          {
            to: [
              {
                namespaceSelector: byName(props.watchNamespace),
                podSelector: { matchLabels: props.ticketService.labels },
              },
            ],
            ports: [tcp(props.ticketService.port)],
          },
          {
            to: [
              {
                namespaceSelector: byName(props.watchNamespace),
                podSelector: { matchLabels: props.gatewayService.labels },
              },
            ],
            ports: [tcp(props.gatewayService.port)],
          },
        ],
      },
    });
  }
}
