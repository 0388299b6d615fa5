import { z } from 'zod';
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
});

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): UrrManifestSettings {
  const parsed = manifestEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid manifest settings:\n${z.prettifyError(parsed.error)}`);
  const values = parsed.data;
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
    iamRoles: Object.fromEntries(
      Object.entries({
        queue: values.URR_QUEUE_ROLE_ARN,
        operator: values.URR_OPERATOR_ROLE_ARN,
        ticket: values.URR_TICKET_ROLE_ARN,
        payment: values.URR_PAYMENT_ROLE_ARN,
        stats: values.URR_STATS_ROLE_ARN,
        catalog: values.URR_CATALOG_ROLE_ARN,
      }).filter(([, arn]) => arn !== undefined),
    ),
    ...(values.URR_ALB_CERTIFICATE_ARN ? { albCertificateArn: values.URR_ALB_CERTIFICATE_ARN } : {}),
    ...(values.URR_ALB_SECURITY_GROUPS ? { albSecurityGroupIds: list(values.URR_ALB_SECURITY_GROUPS) } : {}),
    ...(values.URR_ALB_WEB_ACL_ARN ? { albWebAclArn: values.URR_ALB_WEB_ACL_ARN } : {}),
    ...(values.URR_AWS_ENDPOINT_URL ? { awsEndpointUrl: values.URR_AWS_ENDPOINT_URL } : {}),
    cpuRequestScale: values.URR_CPU_REQUEST_SCALE,
  };
}
