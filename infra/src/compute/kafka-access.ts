import { ArnFormat, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as msk from 'aws-cdk-lib/aws-msk';

/** The services that produce or consume Kafka topics; each has an IRSA role MSK authenticates. */
export const kafkaClients = [
  'catalog-service',
  'payment-service',
  'queue-service',
  'stats-service',
  'ticket-service',
] as const;
export type KafkaClient = (typeof kafkaClients)[number];

/**
 * What a URR service does on MSK with IAM access control: connect, produce idempotently, consume in a
 * group, and create its topics with their partitions and `cleanup.policy` (common's ensureTopics, which
 * reads and sets that policy). Topics and groups of this cluster only.
 */
export function kafkaClientStatements(stack: Stack, cluster: msk.CfnCluster): iam.PolicyStatement[] {
  const inCluster = (resource: 'topic' | 'group') =>
    stack.formatArn({
      service: 'kafka',
      resource,
      resourceName: `${cluster.clusterName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  return [
    new iam.PolicyStatement({
      actions: [
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeCluster',
        'kafka-cluster:WriteDataIdempotently',
      ],
      resources: [cluster.attrArn],
    }),
    new iam.PolicyStatement({
      actions: [
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:CreateTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:WriteData',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:AlterTopicDynamicConfiguration',
      ],
      resources: [inCluster('topic')],
    }),
    new iam.PolicyStatement({
      actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
      resources: [inCluster('group')],
    }),
  ];
}
