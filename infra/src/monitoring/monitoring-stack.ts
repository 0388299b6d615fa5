import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as aps from 'aws-cdk-lib/aws-aps';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as grafana from 'aws-cdk-lib/aws-grafana';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { ComputeStack } from '../compute/compute-stack.js';
import type { DataStack } from '../data/data-stack.js';
import type { VwrStack } from '../vwr/vwr-stack.js';
import { alarmTopicName } from './alarm-topic.js';

export interface MonitoringStackProps extends StackProps {
  readonly data: DataStack;
  readonly compute: ComputeStack;
  readonly vwr: VwrStack;
  /** Where alarms are mailed. @default none (subscribe Slack or mail to the topic later) */
  readonly alarmEmail?: string;
}

/**
 * Seed section 9: AMP (EKS Prometheus remote-writes to it) and AMG (reads AMP and CloudWatch), and CloudWatch
 * alarms on the managed services, all sent to one SNS topic.
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly prometheus: aps.CfnWorkspace;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { data, compute, vwr } = props;

    this.prometheus = new aps.CfnWorkspace(this, 'Prometheus', { alias: 'urr' });
    new CfnOutput(this, 'AmpRemoteWriteUrl', {
      value: `${this.prometheus.attrPrometheusEndpoint}api/v1/remote_write`,
      description: "Prometheus's remote-write URL (URR_AMP_REMOTE_WRITE_URL)",
    });
    const grafanaRole = new iam.Role(this, 'GrafanaRole', {
      assumedBy: new iam.ServicePrincipal('grafana.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonPrometheusQueryAccess'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchReadOnlyAccess'),
      ],
    });
    new grafana.CfnWorkspace(this, 'Grafana', {
      name: 'urr',
      accountAccessType: 'CURRENT_ACCOUNT',
      authenticationProviders: ['AWS_SSO'],
      permissionType: 'SERVICE_MANAGED',
      roleArn: grafanaRole.roleArn,
      dataSources: ['PROMETHEUS', 'CLOUDWATCH'],
    });

    this.alarmTopic = new sns.Topic(this, 'Alarms', { topicName: alarmTopicName });
    // Alertmanager publishes URR's own alerts here too, as the alertmanager IRSA role (compute/addon-roles.ts).
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'The SNS topic of URR alarms and alerts (URR_ALARM_TOPIC_ARN)',
    });
    if (props.alarmEmail)
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const alarm = (
      name: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      comparison: cloudwatch.ComparisonOperator,
      description: string,
      evaluationPeriods = 3,
    ) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmName: `urr-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: comparison,
        evaluationPeriods,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
      this.alarms.push(created);
      return created;
    };
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    const below = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
    const metric = (
      namespace: string,
      metricName: string,
      dimensionsMap: Record<string, string>,
      statistic = 'Average',
    ) =>
      new cloudwatch.Metric({ namespace, metricName, dimensionsMap, statistic, period: Duration.minutes(1) });

    alarm(
      'rds-cpu',
      data.database.metricCPUUtilization({ period: Duration.minutes(1) }),
      80,
      above,
      'RDS CPU above 80 %',
    );
    alarm(
      'rds-connections',
      data.database.metricDatabaseConnections({ period: Duration.minutes(1) }),
      300,
      above,
      'RDS connections above 300',
    );
    alarm(
      'rds-replica-lag',
      metric('AWS/RDS', 'ReplicaLag', { DBInstanceIdentifier: data.readReplica.instanceIdentifier }),
      30,
      above,
      'Read replica more than 30 s behind',
    );
    const redisNode = (index: number) => `${data.redis.ref}-00${index}`;
    alarm(
      'redis-memory',
      metric('AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', { CacheClusterId: redisNode(1) }),
      80,
      above,
      'Redis primary memory above 80 %',
    );
    alarm(
      'redis-replication-lag',
      metric('AWS/ElastiCache', 'ReplicationLag', { CacheClusterId: redisNode(2) }),
      5,
      above,
      'Redis replica more than 5 s behind',
    );
    alarm(
      'redis-hit-rate',
      metric('AWS/ElastiCache', 'CacheHitRate', { CacheClusterId: redisNode(1) }),
      50,
      below,
      'Redis hit rate below 50 %',
      10,
    );
    const kafka = { 'Cluster Name': 'urr-msk' };
    alarm(
      'msk-active-controller',
      metric('AWS/Kafka', 'ActiveControllerCount', kafka, 'Sum'),
      1,
      below,
      'MSK has no active controller',
    );
    alarm(
      'msk-offline-partitions',
      metric('AWS/Kafka', 'OfflinePartitionsCount', kafka, 'Maximum'),
      0,
      above,
      'MSK has offline partitions',
      1,
    );
    alarm(
      'ticket-events-dlq',
      data.ticketEventsDlq.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      0,
      above,
      'Ticket events failed three times and wait in the DLQ',
      1,
    );
    const lambdas: lambda.Function[] = [...vwr.functions, compute.ticketWorker];
    for (const fn of lambdas) {
      const name = fn.node.id.toLowerCase();
      alarm(
        `${name}-errors`,
        fn.metricErrors({ period: Duration.minutes(1) }),
        0,
        above,
        `${fn.node.id} errors`,
        1,
      );
      alarm(
        `${name}-throttles`,
        fn.metricThrottles({ period: Duration.minutes(1) }),
        0,
        above,
        `${fn.node.id} throttled`,
        1,
      );
      alarm(
        `${name}-duration`,
        fn.metricDuration({ period: Duration.minutes(1), statistic: 'p99' }),
        fn.timeout ? fn.timeout.toMilliseconds() * 0.8 : 5000,
        above,
        `${fn.node.id} p99 duration near its timeout`,
      );
    }
  }
}
