import { EnvVar } from './env-var.js';
import { ReplicaRange } from './replica-range.js';
import { ResourceBudget } from './resource-budget.js';
import { secretContract } from './secret-contract.js';

export const backendServices = [
  'gateway',
  'auth',
  'ticket',
  'payment',
  'stats',
  'queue',
  'catalog',
  'community',
] as const;
export type BackendService = (typeof backendServices)[number];
export type WorkloadId = BackendService | 'frontend';

/** How the Kafka clients meet the brokers: MSK's TLS with IAM (its only listener), or neither. */
export const kafkaSecurities = ['aws-msk-iam', 'plaintext'] as const;
export type KafkaSecurity = (typeof kafkaSecurities)[number];

/** What a workload reaches outside the cluster (NetworkPolicy egress). */
export type ExternalDependency = 'postgres' | 'redis' | 'kafka' | 'aws-apis' | 'internet-https';

export interface WorkloadSpec {
  readonly id: WorkloadId;
  /** Name of the Deployment or Rollout, its Service, HPA and PDB (the operator addresses HPAs by it). */
  readonly name: string;
  readonly port: number;
  /**
   * The HPA's bounds. For gateway, queue and ticket these are the everyday ones: the operator raises them
   * while a sale is hot.
   */
  readonly replicas: ReplicaRange;
  /** Deployed by an Argo Rollouts blue-green Rollout (`rollout.ts`) instead of a Deployment. */
  readonly blueGreen: boolean;
  /** Services it calls over HTTP: its edges of the call graph, which the NetworkPolicies allow. */
  readonly calls: readonly WorkloadId[];
  readonly external: readonly ExternalDependency[];
  /** Reached by the ALB (CloudFront → ALB → pod). */
  readonly loadBalanced: boolean;
  readonly resources: ResourceBudget;
  readonly env: readonly EnvVar[];
}

export interface CatalogSettings {
  /** Namespace of the services, for cross-namespace URLs. */
  readonly namespace: string;
  /** MSK bootstrap brokers, host:port. */
  readonly kafkaBrokers: readonly string[];
  /** @default 'aws-msk-iam' */
  readonly kafkaSecurity?: KafkaSecurity;
  readonly awsRegion: string;
  /** The payment provider's API base URL. */
  readonly pspUrl: string;
  /** Zipkin v2 spans endpoint in the monitoring namespace. */
  readonly zipkinUrl: string;
  /** SQS FIFO queue queue-service sends ticket events to (owned by the CDK data stack). */
  readonly ticketEventsQueue: string;
  /** An AWS emulator for DynamoDB and SQS (the local node). @default none: AWS itself */
  readonly awsEndpointUrl?: string;
}

/** Where an emulator stands in for AWS: its address and the credentials it takes; IRSA in AWS. */
export const awsEmulatorEnv = (endpointUrl: string | undefined): EnvVar[] =>
  endpointUrl
    ? [
        EnvVar.value('AWS_ENDPOINT_URL', endpointUrl),
        EnvVar.fromSecret('AWS_ACCESS_KEY_ID', secretContract.awsEmulatorAccessKeyId),
        EnvVar.fromSecret('AWS_SECRET_ACCESS_KEY', secretContract.awsEmulatorSecretAccessKey),
      ]
    : [];

const serviceNameOf = (id: WorkloadId) => (id === 'frontend' ? 'frontend' : `${id}-service`);

const ports: Record<WorkloadId, number> = {
  frontend: 3000,
  gateway: 3001,
  ticket: 3002,
  payment: 3003,
  stats: 3004,
  auth: 3005,
  queue: 3007,
  community: 3008,
  catalog: 3009,
};

/**
 * Base URL of a workload: in-namespace (http://auth-service:3005), or fully qualified when called from
 * another namespace.
 */
export const serviceUrlOf = (id: WorkloadId, namespace?: string) =>
  `http://${serviceNameOf(id)}${namespace ? `.${namespace}.svc.cluster.local` : ''}:${ports[id]}`;

const small = ResourceBudget.of({
  cpuRequest: '100m',
  memoryRequest: '192Mi',
  cpuLimit: '500m',
  memoryLimit: '384Mi',
});
const medium = ResourceBudget.of({
  cpuRequest: '250m',
  memoryRequest: '256Mi',
  cpuLimit: '1',
  memoryLimit: '512Mi',
});
const large = ResourceBudget.of({
  cpuRequest: '500m',
  memoryRequest: '384Mi',
  cpuLimit: '2',
  memoryLimit: '768Mi',
});

/** The nine workloads of the services namespace: the eight backend services and the frontend. */
export function workloadCatalog(settings: CatalogSettings): readonly WorkloadSpec[] {
  const brokers = settings.kafkaBrokers.join(',');
  const node = (id: BackendService) => [
    EnvVar.value('NODE_ENV', 'production'),
    EnvVar.value('HOST', '0.0.0.0'),
    EnvVar.value('PORT', ports[id]),
    EnvVar.value('LOG_LEVEL', 'info'),
    EnvVar.value('ZIPKIN_URL', settings.zipkinUrl),
  ];
  const database = (id: BackendService, readReplica = false) => [
    EnvVar.fromSecret('DATABASE_URL', secretContract.databaseUrl(serviceNameOf(id))),
    ...(readReplica
      ? [
          EnvVar.fromSecret(
            'DATABASE_REPLICA_URL',
            secretContract.databaseReplicaUrl(serviceNameOf(id)),
            true,
          ),
        ]
      : []),
  ];
  const kafka = [
    EnvVar.value('KAFKA_BROKERS', brokers),
    // The signer takes the pod's IRSA credentials (each Kafka client's service account has its role).
    ...((settings.kafkaSecurity ?? 'aws-msk-iam') === 'aws-msk-iam'
      ? [
          EnvVar.value('KAFKA_SSL', true),
          EnvVar.value('KAFKA_SASL_MECHANISM', 'aws-msk-iam'),
          EnvVar.value('KAFKA_AWS_REGION', settings.awsRegion),
        ]
      : []),
  ];
  const redis = EnvVar.fromSecret('REDIS_URL', secretContract.redisUrl);
  const internalToken = EnvVar.fromSecret('INTERNAL_API_TOKEN', secretContract.internalApiToken);
  const entryToken = EnvVar.fromSecret('ENTRY_TOKEN_SECRET', secretContract.entryTokenSecret);
  const spec = (
    id: WorkloadId,
    min: number,
    max: number,
    rest: Omit<WorkloadSpec, 'id' | 'name' | 'port' | 'replicas' | 'loadBalanced' | 'blueGreen'> &
      Partial<Pick<WorkloadSpec, 'loadBalanced' | 'blueGreen'>>,
  ): WorkloadSpec => ({
    id,
    name: serviceNameOf(id),
    port: ports[id],
    replicas: ReplicaRange.of(min, max),
    loadBalanced: false,
    blueGreen: false,
    ...rest,
  });

  return [
    spec('gateway', 3, 10, {
      blueGreen: true,
      loadBalanced: true,
      calls: ['auth', 'ticket', 'payment', 'stats', 'queue', 'catalog', 'community'],
      external: ['redis'],
      resources: large,
      env: [
        ...node('gateway'),
        redis,
        entryToken,
        EnvVar.value('AUTH_URL', serviceUrlOf('auth')),
        EnvVar.value('TICKET_URL', serviceUrlOf('ticket')),
        EnvVar.value('PAYMENT_URL', serviceUrlOf('payment')),
        EnvVar.value('STATS_URL', serviceUrlOf('stats')),
        EnvVar.value('QUEUE_URL', serviceUrlOf('queue')),
        EnvVar.value('COMMUNITY_URL', serviceUrlOf('community')),
        EnvVar.value('CATALOG_URL', serviceUrlOf('catalog')),
        // CloudFront then the ALB append to X-Forwarded-For: the client is the second entry from the end.
        EnvVar.value('TRUSTED_PROXY_HOPS', 2),
      ],
    }),
    spec('auth', 2, 6, {
      // Signing out everywhere has queue-service revoke the account's passes (docs/adr/0040).
      calls: ['queue'],
      // OpenID Connect providers are on the internet.
      external: ['postgres', 'internet-https'],
      resources: medium,
      env: [
        ...node('auth'),
        ...database('auth'),
        internalToken,
        EnvVar.fromSecret('AUTH_JWT_PRIVATE_KEY', secretContract.authJwtPrivateKey),
        EnvVar.fromSecret('REFRESH_TOKEN_PEPPER', secretContract.refreshTokenPepper),
        EnvVar.value('AUTH_COOKIE_SECURE', true),
        EnvVar.value('QUEUE_URL', serviceUrlOf('queue')),
      ],
    }),
    spec('ticket', 3, 10, {
      blueGreen: true,
      calls: ['payment'],
      external: ['postgres', 'redis', 'kafka'],
      resources: large,
      env: [
        ...node('ticket'),
        ...database('ticket'),
        redis,
        ...kafka,
        internalToken,
        EnvVar.fromSecret('TICKET_CODE_PRIVATE_KEY', secretContract.ticketCodePrivateKey),
        // Its reservations open their payment intent there.
        EnvVar.value('PAYMENT_URL', serviceUrlOf('payment')),
      ],
    }),
    spec('payment', 2, 6, {
      blueGreen: true,
      calls: [],
      // The payment provider's API is on the internet.
      external: ['postgres', 'kafka', 'internet-https'],
      resources: medium,
      env: [
        ...node('payment'),
        ...database('payment'),
        ...kafka,
        internalToken,
        EnvVar.value('PSP_URL', settings.pspUrl),
        EnvVar.fromSecret('PSP_API_KEY', secretContract.pspApiKey),
        EnvVar.fromSecret('PSP_WEBHOOK_SECRET', secretContract.pspWebhookSecret),
        EnvVar.fromSecret('IDEMPOTENCY_FINGERPRINT_SECRET', secretContract.idempotencyFingerprintSecret),
      ],
    }),
    spec('stats', 1, 4, {
      calls: [],
      external: ['postgres', 'kafka'],
      resources: small,
      env: [...node('stats'), ...database('stats', true), ...kafka],
    }),
    spec('queue', 3, 8, {
      blueGreen: true,
      // ticket: the seat figures the sale samples carry; Kafka: queue-events (docs/adr/0041).
      calls: ['catalog', 'ticket'],
      // SQS has no interface endpoint in URR's VPC: it is reached over HTTPS through the NAT gateways;
      // so is DynamoDB, whose waiting-room counters say when a newcomer needs the Tier-1 pass.
      external: ['redis', 'kafka', 'aws-apis'],
      resources: large,
      env: [
        ...node('queue'),
        redis,
        internalToken,
        entryToken,
        EnvVar.fromSecret('VWR_TOKEN_SECRET', secretContract.vwrTokenSecret),
        EnvVar.value('ENTRY_COOKIE_SECURE', true),
        EnvVar.value('CATALOG_URL', serviceUrlOf('catalog')),
        EnvVar.value('TICKET_URL', serviceUrlOf('ticket')),
        ...kafka,
        EnvVar.value('AWS_REGION', settings.awsRegion),
        EnvVar.value('SQS_TICKET_EVENTS_QUEUE', settings.ticketEventsQueue),
        EnvVar.value('SQS_CREATE_QUEUES', false),
        ...awsEmulatorEnv(settings.awsEndpointUrl),
      ],
    }),
    spec('catalog', 2, 6, {
      calls: ['auth'],
      external: ['postgres', 'kafka'],
      resources: medium,
      env: [
        ...node('catalog'),
        ...database('catalog', true),
        ...kafka,
        internalToken,
        EnvVar.value('AUTH_URL', serviceUrlOf('auth')),
      ],
    }),
    spec('community', 1, 4, {
      calls: ['ticket', 'catalog'],
      external: ['postgres'],
      resources: small,
      env: [
        ...node('community'),
        ...database('community'),
        internalToken,
        EnvVar.value('TICKET_URL', serviceUrlOf('ticket')),
        EnvVar.value('CATALOG_URL', serviceUrlOf('catalog')),
      ],
    }),
    // 2–6: two pods as the floor, the medium services' ceiling (docs/adr/0017-frontend-hpa-range.md).
    spec('frontend', 2, 6, {
      loadBalanced: true,
      // Server-rendered pages read the API through the gateway inside the cluster.
      calls: ['gateway'],
      external: [],
      resources: medium,
      env: [
        EnvVar.value('NODE_ENV', 'production'),
        EnvVar.value('HOSTNAME', '0.0.0.0'),
        EnvVar.value('PORT', ports.frontend),
        EnvVar.value('NEXT_TELEMETRY_DISABLED', 1),
        EnvVar.value('GATEWAY_URL', serviceUrlOf('gateway')),
      ],
    }),
  ];
}
