import { z } from 'zod';
import { placeholderAddonSettings } from './addons/addon-settings.js';
import type { UrrManifestSettings } from './charts.js';
import { kafkaSecurities } from './service-catalog.js';

/**
 * What differs per environment, read from the synth's environment. CI sets URR_IMAGE_TAG to the tag it pushed
 * and the account-specific values; the defaults are placeholders that synthesise (AWS's documentation account).
 */
export const manifestEnvSchema = z.object({
  URR_IMAGE_REGISTRY: z.string().min(1).default('123456789012.dkr.ecr.ap-northeast-2.amazonaws.com'),
  URR_IMAGE_TAG: z.string().min(1).default('unreleased'),
  URR_AWS_REGION: z.string().min(1).default('ap-northeast-2'),
  URR_KAFKA_BROKERS: z
    .string()
    .default(
      'b-1.urr-msk.kafka.ap-northeast-2.amazonaws.com:9098,b-2.urr-msk.kafka.ap-northeast-2.amazonaws.com:9098',
    ),
  /** aws-msk-iam: TLS and IAM, all MSK serves; plaintext: a broker without either (the local node). */
  URR_KAFKA_SECURITY: z.enum(kafkaSecurities).default('aws-msk-iam'),
  URR_PSP_URL: z.url().default('https://psp.example.com'),
  URR_GIT_REPO: z.string().min(1).default('https://git.example.com/urr/urr.git'),
  /** The branch CI commits the synthesised YAML to (manifests/dist is not kept on main). */
  URR_GIT_REVISION: z.string().min(1).default('rendered'),
  URR_QUEUE_ROLE_ARN: z.string().min(1).optional(),
  URR_OPERATOR_ROLE_ARN: z.string().min(1).optional(),
  /** IRSA roles of the Kafka clients, which MSK authenticates by IAM. */
  URR_TICKET_ROLE_ARN: z.string().min(1).optional(),
  URR_PAYMENT_ROLE_ARN: z.string().min(1).optional(),
  URR_STATS_ROLE_ARN: z.string().min(1).optional(),
  URR_CATALOG_ROLE_ARN: z.string().min(1).optional(),
  URR_ALB_CERTIFICATE_ARN: z.string().min(1).optional(),
  URR_ALB_SECURITY_GROUPS: z.string().min(1).optional(),
  URR_ALB_WEB_ACL_ARN: z.string().min(1).optional(),
  /** An AWS emulator for DynamoDB and SQS (the local node's render); unset in AWS. */
  URR_AWS_ENDPOINT_URL: z.url().optional(),
  /** Share of each service's CPU request the scheduler reserves (a small cluster such as the local node). */
  URR_CPU_REQUEST_SCALE: z.coerce.number().gt(0).lte(1).default(1),
  /** The cluster add-ons' settings (the CDK stacks' outputs); unset: placeholders (addons/addon-settings.ts). */
  URR_CLUSTER_NAME: z.string().min(1).optional(),
  URR_DNS_ZONE: z.string().min(1).optional(),
  URR_AMP_REMOTE_WRITE_URL: z.url().optional(),
  URR_DATABASE_PROXY_ENDPOINT: z.string().min(1).optional(),
  URR_DATABASE_REPLICA_ENDPOINT: z.string().min(1).optional(),
  URR_REDIS_ENDPOINT: z.string().min(1).optional(),
  URR_KARPENTER_NODE_ROLE: z.string().min(1).optional(),
  URR_KARPENTER_INTERRUPTION_QUEUE: z.string().min(1).optional(),
  /** The SNS topic Alertmanager sends URR's alerts to (infra's AlarmTopicArn). */
  URR_ALARM_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  /** IRSA roles of the add-ons that call AWS. */
  URR_PROMETHEUS_ROLE_ARN: z.string().min(1).optional(),
  URR_ALERTMANAGER_ROLE_ARN: z.string().min(1).optional(),
  URR_LOAD_BALANCER_CONTROLLER_ROLE_ARN: z.string().min(1).optional(),
  URR_EXTERNAL_DNS_ROLE_ARN: z.string().min(1).optional(),
  URR_EXTERNAL_SECRETS_ROLE_ARN: z.string().min(1).optional(),
  URR_KARPENTER_ROLE_ARN: z.string().min(1).optional(),
});

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): UrrManifestSettings {
  const parsed = manifestEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid manifest settings:\n${z.prettifyError(parsed.error)}`);
  const values = parsed.data;
  const placeholders = placeholderAddonSettings(values.URR_AWS_REGION);
  const defined = <T extends object>(entries: T) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  const list = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return {
    imageRegistry: values.URR_IMAGE_REGISTRY,
    imageTag: values.URR_IMAGE_TAG,
    kafkaBrokers: list(values.URR_KAFKA_BROKERS),
    kafkaSecurity: values.URR_KAFKA_SECURITY,
    awsRegion: values.URR_AWS_REGION,
    pspUrl: values.URR_PSP_URL,
    gitRepoUrl: values.URR_GIT_REPO,
    gitRevision: values.URR_GIT_REVISION,
    iamRoles: defined({
      queue: values.URR_QUEUE_ROLE_ARN,
      operator: values.URR_OPERATOR_ROLE_ARN,
      ticket: values.URR_TICKET_ROLE_ARN,
      payment: values.URR_PAYMENT_ROLE_ARN,
      stats: values.URR_STATS_ROLE_ARN,
      catalog: values.URR_CATALOG_ROLE_ARN,
    }),
    addons: {
      ...placeholders,
      ...defined({
        clusterName: values.URR_CLUSTER_NAME,
        dnsZone: values.URR_DNS_ZONE,
        ampRemoteWriteUrl: values.URR_AMP_REMOTE_WRITE_URL,
        databaseProxyEndpoint: values.URR_DATABASE_PROXY_ENDPOINT,
        databaseReplicaEndpoint: values.URR_DATABASE_REPLICA_ENDPOINT,
        redisEndpoint: values.URR_REDIS_ENDPOINT,
        karpenterNodeRole: values.URR_KARPENTER_NODE_ROLE,
        karpenterInterruptionQueue: values.URR_KARPENTER_INTERRUPTION_QUEUE,
        alarmTopicArn: values.URR_ALARM_TOPIC_ARN,
      }),
      iamRoles: defined({
        prometheus: values.URR_PROMETHEUS_ROLE_ARN,
        alertmanager: values.URR_ALERTMANAGER_ROLE_ARN,
        'load-balancer-controller': values.URR_LOAD_BALANCER_CONTROLLER_ROLE_ARN,
        'external-dns': values.URR_EXTERNAL_DNS_ROLE_ARN,
        'external-secrets': values.URR_EXTERNAL_SECRETS_ROLE_ARN,
        karpenter: values.URR_KARPENTER_ROLE_ARN,
      }),
    },
    ...(values.URR_ALB_CERTIFICATE_ARN ? { albCertificateArn: values.URR_ALB_CERTIFICATE_ARN } : {}),
    ...(values.URR_ALB_SECURITY_GROUPS ? { albSecurityGroupIds: list(values.URR_ALB_SECURITY_GROUPS) } : {}),
    ...(values.URR_ALB_WEB_ACL_ARN ? { albWebAclArn: values.URR_ALB_WEB_ACL_ARN } : {}),
    ...(values.URR_AWS_ENDPOINT_URL ? { awsEndpointUrl: values.URR_AWS_ENDPOINT_URL } : {}),
    cpuRequestScale: values.URR_CPU_REQUEST_SCALE,
  };
}
