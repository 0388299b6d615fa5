import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { workerNodePolicies } from './node-policies.js';

/** An IAM role that only `namespace/serviceAccount` of the cluster may assume (IRSA). */
export type IrsaRoleFactory = (name: string, namespace: string, serviceAccount: string) => iam.Role;

export interface AddonRolesProps {
  readonly cluster: eks.CfnCluster;
  /** The cluster's name as a literal: IAM condition keys hold it (Karpenter tags what it creates with it). */
  readonly clusterName: string;
  readonly irsaRole: IrsaRoleFactory;
  readonly hostedZoneId: string;
  /** Secrets Manager names External Secrets may read (`urr/*`: the services' logins and keys). */
  readonly secretNamePrefix: string;
  /** The SNS topic Alertmanager publishes URR's alerts to. */
  readonly alarmTopicArn: string;
}

/** The service accounts of the cluster add-ons (manifests/src/addons/helm-addons.ts). */
export const addonServiceAccounts = {
  loadBalancerController: { namespace: 'kube-system', name: 'aws-load-balancer-controller' },
  externalDns: { namespace: 'external-dns', name: 'external-dns' },
  externalSecrets: { namespace: 'external-secrets', name: 'external-secrets' },
  karpenter: { namespace: 'karpenter', name: 'karpenter' },
  alertmanager: { namespace: 'monitoring', name: 'alertmanager' },
} as const;

const instanceProfileArn = (stack: Stack) =>
  stack.formatArn({ service: 'iam', region: '', resource: 'instance-profile', resourceName: '*' });
const elbArn = (stack: Stack, resource: string) =>
  stack.formatArn({ service: 'elasticloadbalancing', resource, resourceName: '*' });

/**
 * IRSA roles of the AWS Load Balancer Controller, external-dns, External Secrets, Karpenter and
 * Alertmanager, each with only what its add-on calls; Karpenter's node role, instance-profile rights and
 * interruption queue.
 */
export class AddonRoles extends Construct {
  readonly loadBalancerController: iam.Role;
  readonly externalDns: iam.Role;
  readonly externalSecrets: iam.Role;
  readonly karpenter: iam.Role;
  readonly alertmanager: iam.Role;
  readonly karpenterNodeRole: iam.Role;
  readonly interruptionQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: AddonRolesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { cluster, clusterName, irsaRole } = props;
    const accounts = addonServiceAccounts;
    const role = (name: string, account: { namespace: string; name: string }) =>
      irsaRole(name, account.namespace, account.name);

    this.loadBalancerController = role('LoadBalancerControllerRole', accounts.loadBalancerController);
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: ['iam:CreateServiceLinkedRole'],
        resources: ['*'],
        conditions: { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      }),
    );
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'ec2:Describe*',
          'elasticloadbalancing:Describe*',
          'acm:ListCertificates',
          'acm:DescribeCertificate',
          'wafv2:GetWebACL',
          'wafv2:GetWebACLForResource',
          'wafv2:AssociateWebACL',
          'wafv2:DisassociateWebACL',
          'shield:GetSubscriptionState',
          'cognito-idp:DescribeUserPoolClient',
          'ec2:CreateSecurityGroup',
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:RevokeSecurityGroupIngress',
        ],
        resources: ['*'],
      }),
    );
    // Tags and deletes only what the controller created (its cluster tag), as the project's reference policy.
    const createdByController = { Null: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'false' } };
    const ownedByController = { Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } };
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:CreateTags'],
        resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' })],
        conditions: { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup' }, ...createdByController },
      }),
    );
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:DeleteSecurityGroup', 'ec2:CreateTags', 'ec2:DeleteTags'],
        resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' })],
        conditions: ownedByController,
      }),
    );
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'elasticloadbalancing:CreateLoadBalancer',
          'elasticloadbalancing:CreateTargetGroup',
          'elasticloadbalancing:AddTags',
        ],
        resources: [
          elbArn(stack, 'loadbalancer/app'),
          elbArn(stack, 'loadbalancer/net'),
          elbArn(stack, 'targetgroup'),
        ],
        conditions: createdByController,
      }),
    );
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:SetIpAddressType',
          'elasticloadbalancing:SetSecurityGroups',
          'elasticloadbalancing:SetSubnets',
          'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:ModifyTargetGroup',
          'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:AddTags',
          'elasticloadbalancing:RemoveTags',
        ],
        resources: [
          elbArn(stack, 'loadbalancer/app'),
          elbArn(stack, 'loadbalancer/net'),
          elbArn(stack, 'targetgroup'),
        ],
        conditions: ownedByController,
      }),
    );
    this.loadBalancerController.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'elasticloadbalancing:CreateListener',
          'elasticloadbalancing:DeleteListener',
          'elasticloadbalancing:CreateRule',
          'elasticloadbalancing:DeleteRule',
          'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:ModifyRule',
          'elasticloadbalancing:AddListenerCertificates',
          'elasticloadbalancing:RemoveListenerCertificates',
          'elasticloadbalancing:RegisterTargets',
          'elasticloadbalancing:DeregisterTargets',
          'elasticloadbalancing:SetWebAcl',
          'elasticloadbalancing:AddTags',
        ],
        resources: [
          elbArn(stack, 'loadbalancer/app'),
          elbArn(stack, 'loadbalancer/net'),
          elbArn(stack, 'listener/app'),
          elbArn(stack, 'listener/net'),
          elbArn(stack, 'listener-rule/app'),
          elbArn(stack, 'listener-rule/net'),
          elbArn(stack, 'targetgroup'),
        ],
      }),
    );

    this.externalDns = role('ExternalDnsRole', accounts.externalDns);
    this.externalDns.addToPolicy(
      new iam.PolicyStatement({
        actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'],
        resources: [`arn:${stack.partition}:route53:::hostedzone/${props.hostedZoneId}`],
      }),
    );
    this.externalDns.addToPolicy(
      new iam.PolicyStatement({
        actions: ['route53:ListHostedZones', 'route53:ListTagsForResources'],
        resources: ['*'],
      }),
    );

    this.externalSecrets = role('ExternalSecretsRole', accounts.externalSecrets);
    this.externalSecrets.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
          'secretsmanager:ListSecretVersionIds',
        ],
        resources: [
          stack.formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `${props.secretNamePrefix}*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    this.alertmanager = role('AlertmanagerRole', accounts.alertmanager);
    this.alertmanager.addToPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.alarmTopicArn] }),
    );

    this.karpenterNodeRole = new iam.Role(this, 'KarpenterNodeRole', {
      roleName: `KarpenterNodeRole-${clusterName}`,
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: workerNodePolicies(),
    });
    // API authentication: the node role joins the cluster through an access entry, not aws-auth.
    new eks.CfnAccessEntry(this, 'KarpenterNodeAccess', {
      clusterName: cluster.ref,
      principalArn: this.karpenterNodeRole.roleArn,
      type: 'EC2_LINUX',
    });

    this.interruptionQueue = new sqs.Queue(this, 'KarpenterInterruptions', {
      queueName: `${clusterName}-karpenter-interruptions`,
      retentionPeriod: Duration.minutes(5),
      enforceSSL: true,
    });
    const interruptionEvents: [string, events.EventPattern][] = [
      ['SpotInterruption', { source: ['aws.ec2'], detailType: ['EC2 Spot Instance Interruption Warning'] }],
      ['Rebalance', { source: ['aws.ec2'], detailType: ['EC2 Instance Rebalance Recommendation'] }],
      ['StateChange', { source: ['aws.ec2'], detailType: ['EC2 Instance State-change Notification'] }],
      ['ScheduledChange', { source: ['aws.health'], detailType: ['AWS Health Event'] }],
    ];
    for (const [name, eventPattern] of interruptionEvents)
      new events.Rule(this, `Karpenter${name}`, {
        eventPattern,
        targets: [new targets.SqsQueue(this.interruptionQueue)],
      });

    this.karpenter = role('KarpenterRole', accounts.karpenter);
    const clusterTag = `aws:ResourceTag/kubernetes.io/cluster/${clusterName}`;
    const requestClusterTag = `aws:RequestTag/kubernetes.io/cluster/${clusterName}`;
    const ec2Arn = (resource: string) => stack.formatArn({ service: 'ec2', resource, resourceName: '*' });
    const anyRegionEc2Arn = (resource: string) =>
      stack.formatArn({ service: 'ec2', resource, resourceName: '*', account: '', region: '*' });
    const statements = [
      new iam.PolicyStatement({
        sid: 'ReadOnly',
        actions: [
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
          'pricing:GetProducts',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'SsmParametersOfAmis',
        actions: ['ssm:GetParameter'],
        resources: [`arn:${stack.partition}:ssm:${stack.region}::parameter/aws/service/*`],
      }),
      new iam.PolicyStatement({
        sid: 'LaunchFromSharedResources',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [
          anyRegionEc2Arn('image'),
          anyRegionEc2Arn('snapshot'),
          ec2Arn('security-group'),
          ec2Arn('subnet'),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'LaunchFromOwnLaunchTemplates',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [ec2Arn('launch-template')],
        conditions: { StringEquals: { [clusterTag]: 'owned' } },
      }),
      new iam.PolicyStatement({
        sid: 'CreateTaggedForCluster',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        resources: [
          ec2Arn('fleet'),
          ec2Arn('instance'),
          ec2Arn('volume'),
          ec2Arn('network-interface'),
          ec2Arn('launch-template'),
          ec2Arn('spot-instances-request'),
        ],
        conditions: { StringEquals: { [requestClusterTag]: 'owned' } },
      }),
      new iam.PolicyStatement({
        sid: 'TagOnCreate',
        actions: ['ec2:CreateTags'],
        resources: [
          ec2Arn('fleet'),
          ec2Arn('instance'),
          ec2Arn('volume'),
          ec2Arn('network-interface'),
          ec2Arn('launch-template'),
          ec2Arn('spot-instances-request'),
        ],
        conditions: {
          StringEquals: {
            [requestClusterTag]: 'owned',
            'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'TagOwnInstances',
        actions: ['ec2:CreateTags'],
        resources: [ec2Arn('instance')],
        conditions: {
          StringEquals: { [clusterTag]: 'owned' },
          'ForAllValues:StringEquals': {
            'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'],
          },
        },
      }),
      new iam.PolicyStatement({
        sid: 'DeleteOwn',
        actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        resources: [ec2Arn('instance'), ec2Arn('launch-template')],
        conditions: { StringEquals: { [clusterTag]: 'owned' } },
      }),
      new iam.PolicyStatement({
        sid: 'PassNodeRole',
        actions: ['iam:PassRole'],
        resources: [this.karpenterNodeRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        sid: 'InstanceProfilesOfCluster',
        actions: [
          'iam:CreateInstanceProfile',
          'iam:TagInstanceProfile',
          'iam:AddRoleToInstanceProfile',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:DeleteInstanceProfile',
        ],
        resources: [instanceProfileArn(stack)],
        conditions: { StringEquals: { [clusterTag]: 'owned' } },
      }),
      new iam.PolicyStatement({
        sid: 'CreateInstanceProfilesForCluster',
        actions: ['iam:CreateInstanceProfile', 'iam:TagInstanceProfile'],
        resources: [instanceProfileArn(stack)],
        conditions: { StringEquals: { [requestClusterTag]: 'owned' } },
      }),
      new iam.PolicyStatement({
        sid: 'ReadInstanceProfiles',
        actions: ['iam:GetInstanceProfile', 'iam:ListInstanceProfiles'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'DescribeCluster',
        actions: ['eks:DescribeCluster'],
        resources: [cluster.attrArn],
      }),
      new iam.PolicyStatement({
        sid: 'InterruptionQueue',
        actions: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        resources: [this.interruptionQueue.queueArn],
      }),
    ];
    for (const statement of statements) this.karpenter.addToPolicy(statement);
  }
}
