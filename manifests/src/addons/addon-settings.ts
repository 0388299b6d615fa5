/** What the cluster's add-ons need to know of the AWS account (the CDK stacks' outputs). */
export interface AddonSettings {
  /** The EKS cluster's name (Karpenter's discovery tag, the Load Balancer Controller's cluster). */
  readonly clusterName: string;
  /** The Route 53 zone external-dns manages records in. */
  readonly dnsZone: string;
  /** AMP's remote-write URL (`.../workspaces/{id}/api/v1/remote_write`). */
  readonly ampRemoteWriteUrl: string;
  /** RDS Proxy's endpoint and the read replica's, the hosts of the services' DATABASE_URLs. */
  readonly databaseProxyEndpoint: string;
  readonly databaseReplicaEndpoint: string;
  /** ElastiCache's primary endpoint, the host of REDIS_URL. */
  readonly redisEndpoint: string;
  /** The IAM role (name) Karpenter's nodes run as, and the SQS queue of spot interruptions. */
  readonly karpenterNodeRole: string;
  readonly karpenterInterruptionQueue: string;
  /** The SNS topic of URR's alarms (infra's AlarmTopicArn): Alertmanager publishes critical and warning alerts to it. */
  readonly alarmTopicArn: string;
  /** IRSA roles of the add-ons that call AWS. @default none: the chart's service account without one */
  readonly iamRoles: Readonly<Partial<Record<AddonRole, string>>>;
}

export const addonRoles = [
  'prometheus',
  'alertmanager',
  'load-balancer-controller',
  'external-dns',
  'external-secrets',
  'karpenter',
] as const;
export type AddonRole = (typeof addonRoles)[number];

/** The IRSA annotation of a service account, empty without a role. */
export const irsaAnnotation = (roleArn: string | undefined): Record<string, string> =>
  roleArn ? { 'eks.amazonaws.com/role-arn': roleArn } : {};

/**
 * Placeholders that synthesise (AWS's documentation account, example hosts); CI sets the real values
 * from the CDK stacks' outputs (manifests/src/settings.ts).
 */
export const placeholderAddonSettings = (region: string): AddonSettings => ({
  clusterName: 'urr',
  dnsZone: 'urr.example.com',
  ampRemoteWriteUrl: `https://aps-workspaces.${region}.amazonaws.com/workspaces/ws-00000000-0000-0000-0000-000000000000/api/v1/remote_write`,
  databaseProxyEndpoint: `urr-postgres.proxy-000000000000.${region}.rds.amazonaws.com`,
  databaseReplicaEndpoint: `urr-postgres-replica.000000000000.${region}.rds.amazonaws.com`,
  redisEndpoint: `master.urr-redis.000000.${region}.cache.amazonaws.com`,
  karpenterNodeRole: 'urr-karpenter-node',
  karpenterInterruptionQueue: 'urr-karpenter-interruptions',
  alarmTopicArn: `arn:aws:sns:${region}:123456789012:urr-alarms`,
  iamRoles: {},
});
