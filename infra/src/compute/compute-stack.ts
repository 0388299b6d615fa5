import { CfnJson, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { type DataStack, serviceDatabases } from '../data/data-stack.js';
import { bundledCode, bundledHandler } from '../lambda-bundle.js';
import { alarmTopicName } from '../monitoring/alarm-topic.js';
import type { NetworkStack } from '../network/network-stack.js';
import { dataPorts } from '../network/subnet-plan.js';
import type { VwrStack } from '../vwr/vwr-stack.js';
import { AddonRoles } from './addon-roles.js';
import { AlbOriginGuard } from './alb-origin-guard.js';
import { type ImageRepository, imageRepositories } from './image-repositories.js';
import { type KafkaClient, kafkaClientStatements, kafkaClients } from './kafka-access.js';
import { nodeGroup } from './node-group.js';
import { workerNodePolicies } from './node-policies.js';

/**
 * The worker's DATABASE_URL: ticket-service's login through RDS Proxy, TLS with the certificate checked. The
 * password is a Secrets Manager dynamic reference that CloudFormation resolves at deploy time, so the
 * template holds none (docs/adr/0025-lambda-bundles-at-synth.md).
 */
function ticketWorkerDatabaseUrl(data: DataStack): string {
  const login = data.databaseLogins['ticket-service'];
  const user = login.secretValueFromJson('username').unsafeUnwrap();
  const password = login.secretValueFromJson('password').unsafeUnwrap();
  const database = serviceDatabases['ticket-service'];
  return `postgres://${user}:${password}@${data.proxy.endpoint}:${dataPorts.postgres}/${database}?sslmode=verify-full`;
}

const pascalCase = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());

export interface ComputeStackProps extends StackProps {
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly vwr: VwrStack;
  /** The site's domain and its hosted zone. */
  readonly domainName: string;
  readonly hostedZoneId: string;
  /** Host name CloudFront reaches the ALB by; the ALB's HTTPS listener presents this certificate. */
  readonly albOriginDomainName: string;
  /** @default '1.33' */
  readonly kubernetesVersion?: string;
  /**
   * IAM roles or users that administer the cluster (kubectl, installing Argo CD). With API authentication the
   * only other principal the cluster knows is the CloudFormation role that created it. @default none
   */
  readonly clusterAdminArns?: readonly string[];
  /** Who may reach the public EKS endpoint (operators, CI). @default ['0.0.0.0/0'] (IAM + RBAC still apply) */
  readonly publicAccessCidrs?: readonly string[];
  /** Namespace of the URR services and of the operator (IRSA trust). @default 'urr', 'urr-system' */
  readonly servicesNamespace?: string;
  readonly operatorNamespace?: string;
}

/**
 * The EKS cluster (public + private endpoint, control-plane logs), its managed node group of
 * t3.medium × 2–5 in the app subnets, IRSA roles of the pods that call AWS, the ECR repositories, and the
 * SQS-driven ticket worker.
 */
export class ComputeStack extends Stack {
  readonly cluster: eks.CfnCluster;
  readonly repositories: Record<ImageRepository, ecr.Repository>;
  readonly oidcProvider: iam.OidcProviderNative;
  readonly ticketWorker: lambda.Function;
  /** The ALB's web ACL: requests without CloudFront's origin secret get 403 (ADR 0012). */
  readonly albWebAcl: AlbOriginGuard['webAcl'];
  readonly roles: {
    readonly queueService: iam.Role;
    readonly operator: iam.Role;
    readonly prometheus: iam.Role;
  };
  /** IRSA roles of the services that speak to MSK, which authenticates them by IAM. */
  readonly kafkaClientRoles: Record<KafkaClient, iam.Role>;
  /** IRSA roles of the cluster add-ons, Karpenter's node role and interruption queue. */
  readonly addonRoles: AddonRoles;

  constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);
    const { network, data, vwr } = props;
    const vpc = network.vpc;
    const appSubnetIds = vpc.selectSubnets(network.subnets('app')).subnetIds;

    const clusterName = 'urr';
    const clusterRole = new iam.Role(this, 'ClusterRole', {
      assumedBy: new iam.ServicePrincipal('eks.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSClusterPolicy')],
    });
    const clusterSecurityGroup = new ec2.SecurityGroup(this, 'ClusterSecurityGroup', {
      vpc,
      description: 'URR EKS control plane',
    });
    this.cluster = new eks.CfnCluster(this, 'Cluster', {
      name: clusterName,
      version: props.kubernetesVersion ?? '1.33',
      roleArn: clusterRole.roleArn,
      resourcesVpcConfig: {
        subnetIds: appSubnetIds,
        securityGroupIds: [clusterSecurityGroup.securityGroupId],
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [...(props.publicAccessCidrs ?? ['0.0.0.0/0'])],
      },
      accessConfig: { authenticationMode: 'API' },
      logging: {
        clusterLogging: {
          enabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((type) => ({
            type,
          })),
        },
      },
    });

    (props.clusterAdminArns ?? []).forEach((principalArn, index) => {
      new eks.CfnAccessEntry(this, `ClusterAdmin${index}`, {
        clusterName: this.cluster.ref,
        principalArn,
        accessPolicies: [
          {
            policyArn: `arn:${this.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
            accessScope: { type: 'cluster' },
          },
        ],
      });
    });

    const nodeRole = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: workerNodePolicies(),
    });
    new eks.CfnNodegroup(this, 'Nodes', {
      clusterName: this.cluster.ref,
      nodegroupName: nodeGroup.name,
      nodeRole: nodeRole.roleArn,
      subnets: appSubnetIds,
      instanceTypes: [nodeGroup.instanceType],
      capacityType: 'ON_DEMAND',
      amiType: 'AL2023_x86_64_STANDARD',
      scalingConfig: {
        minSize: nodeGroup.minSize,
        desiredSize: nodeGroup.desiredSize,
        maxSize: nodeGroup.maxSize,
      },
      updateConfig: { maxUnavailable: 1 },
    });

    this.oidcProvider = new iam.OidcProviderNative(this, 'ServiceAccountIssuer', {
      url: this.cluster.attrOpenIdConnectIssuerUrl,
      clientIds: ['sts.amazonaws.com'],
    });
    const issuer = Fn.select(1, Fn.split('//', this.cluster.attrOpenIdConnectIssuerUrl));
    const irsaRole = (name: string, namespace: string, serviceAccount: string) => {
      // Condition keys hold the issuer, a deploy-time value: CfnJson lets CloudFormation render them.
      const conditions = new CfnJson(this, `${name}Trust`, {
        value: {
          [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
          [`${issuer}:aud`]: 'sts.amazonaws.com',
        },
      });
      return new iam.Role(this, name, {
        description: `IRSA role of ${namespace}/${serviceAccount}`,
        assumedBy: new iam.FederatedPrincipal(
          this.oidcProvider.oidcProviderArn,
          { StringEquals: conditions },
          'sts:AssumeRoleWithWebIdentity',
        ),
      });
    };
    const servicesNamespace = props.servicesNamespace ?? 'urr';
    const operatorNamespace = props.operatorNamespace ?? 'urr-system';
    const queueService = irsaRole('QueueServiceRole', servicesNamespace, 'queue-service');
    data.ticketEvents.grantSendMessages(queueService);
    // An account's pass revocation reaches Tier 1 through the positions table (docs/adr/0040).
    vwr.positions.grant(queueService, 'dynamodb:UpdateItem');
    const operator = irsaRole('OperatorRole', operatorNamespace, 'ticketevent-operator');
    vwr.counters.grant(operator, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    const prometheus = irsaRole('PrometheusRole', 'monitoring', 'prometheus');
    prometheus.addManagedPolicy(
      iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonPrometheusRemoteWriteAccess'),
    );
    this.roles = { queueService, operator, prometheus };
    const kafkaClientPolicy = new iam.ManagedPolicy(this, 'KafkaClientPolicy', {
      description: 'Connect to urr-msk by IAM, use its topics and consumer groups',
      statements: kafkaClientStatements(this, data.kafka),
    });
    this.kafkaClientRoles = Object.fromEntries(
      kafkaClients.map((service) => {
        const role =
          service === 'queue-service'
            ? queueService
            : irsaRole(`${pascalCase(service)}Role`, servicesNamespace, service);
        role.addManagedPolicy(kafkaClientPolicy);
        return [service, role];
      }),
    ) as Record<KafkaClient, iam.Role>;
    this.addonRoles = new AddonRoles(this, 'Addons', {
      cluster: this.cluster,
      clusterName,
      irsaRole,
      hostedZoneId: props.hostedZoneId,
      secretNamePrefix: 'urr/',
      alarmTopicArn: this.formatArn({ service: 'sns', resource: alarmTopicName }),
    });
    const serviceAccountRoles: [string, iam.Role][] = [
      ['QueueService', queueService],
      ['Operator', operator],
      ['Prometheus', prometheus],
      ['LoadBalancerController', this.addonRoles.loadBalancerController],
      ['ExternalDns', this.addonRoles.externalDns],
      ['ExternalSecrets', this.addonRoles.externalSecrets],
      ['Karpenter', this.addonRoles.karpenter],
      ['Alertmanager', this.addonRoles.alertmanager],
      ...kafkaClients
        .filter((service) => service !== 'queue-service')
        .map((service): [string, iam.Role] => [pascalCase(service), this.kafkaClientRoles[service]]),
    ];
    for (const [name, role] of serviceAccountRoles)
      new CfnOutput(this, `${name}RoleArn`, {
        value: role.roleArn,
        description: `eks.amazonaws.com/role-arn of ${name}'s service account`,
      });
    const addonOutputs: [string, string, string][] = [
      ['ClusterName', this.cluster.ref, 'The EKS cluster (URR_CLUSTER_NAME)'],
      ['DnsZone', props.domainName, 'The Route 53 zone external-dns manages (URR_DNS_ZONE)'],
      ['KarpenterNodeRoleName', this.addonRoles.karpenterNodeRole.roleName, 'URR_KARPENTER_NODE_ROLE'],
      [
        'KarpenterInterruptionQueueName',
        this.addonRoles.interruptionQueue.queueName,
        'URR_KARPENTER_INTERRUPTION_QUEUE',
      ],
    ];
    for (const [name, value, description] of addonOutputs) new CfnOutput(this, name, { value, description });

    this.repositories = Object.fromEntries(
      imageRepositories.map((name) => [
        name,
        new ecr.Repository(this, `Repository-${name}`, {
          repositoryName: `urr/${name}`,
          imageScanOnPush: true,
          // The release moves latest and production to each new {sha7}-{datetime} (docs/adr/0024).
          imageTagMutability: ecr.TagMutability.MUTABLE,
          encryption: ecr.RepositoryEncryption.AES_256,
          lifecycleRules: [{ description: 'keep the last 50 images', maxImageCount: 50 }],
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      ]),
    ) as Record<ImageRepository, ecr.Repository>;

    // SQS FIFO → ticket worker (lambdas/ticket-worker) → RDS Proxy → ticket_db, as ticket-service's login.
    const workerSecurityGroup = new ec2.SecurityGroup(this, 'TicketWorkerSecurityGroup', {
      vpc,
      description: 'URR ticket worker Lambda',
    });
    this.ticketWorker = new lambda.Function(this, 'TicketWorker', {
      functionName: 'urr-ticket-worker',
      runtime: lambda.Runtime.NODEJS_22_X,
      code: bundledCode(this, 'TicketWorker', { entry: 'lambdas/ticket-worker/src/handler.ts' }),
      handler: bundledHandler,
      timeout: Duration.seconds(30),
      memorySize: 512,
      vpc,
      vpcSubnets: network.subnets('streaming'),
      securityGroups: [workerSecurityGroup],
      environment: {
        DATABASE_URL: ticketWorkerDatabaseUrl(data),
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'TicketWorkerLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.ticketWorker.addEventSource(
      new SqsEventSource(data.ticketEvents, { batchSize: 10, reportBatchItemFailures: true }),
    );

    // CloudFront reaches the ALB over HTTPS only: the listener's certificate, in the ALB's region.
    const albCertificate = new acm.Certificate(this, 'AlbCertificate', {
      domainName: props.albOriginDomainName,
      validation: acm.CertificateValidation.fromDns(
        route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
          hostedZoneId: props.hostedZoneId,
          zoneName: props.domainName,
        }),
      ),
    });
    new CfnOutput(this, 'AlbCertificateArn', {
      value: albCertificate.certificateArn,
      description:
        'The EdgeIngress annotation alb.ingress.kubernetes.io/certificate-arn (URR_ALB_CERTIFICATE_ARN)',
    });

    this.albWebAcl = new AlbOriginGuard(this, 'AlbOriginGuard', { secret: data.originVerifySecret }).webAcl;
    new CfnOutput(this, 'AlbWebAclArn', {
      value: this.albWebAcl.attrArn,
      description: 'The EdgeIngress annotation alb.ingress.kubernetes.io/wafv2-acl-arn (URR_ALB_WEB_ACL_ARN)',
    });
  }
}
