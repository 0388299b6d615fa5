import { Annotations, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { PlannedSubnets } from './planned-subnets.js';
import { type SubnetKind, subnetPlan } from './subnet-plan.js';

export interface NetworkStackProps extends StackProps {
  /** The two AZs (AZ-A, AZ-B) the architecture spreads everything over. */
  readonly availabilityZones: readonly [string, string];
  /** CloudFront's origin-facing managed prefix list in this region; the ALB admits only it. @default none (warned) */
  readonly cloudFrontPrefixListId?: string;
}

const subnetTypes: Record<SubnetKind, ec2.SubnetType> = {
  public: ec2.SubnetType.PUBLIC,
  app: ec2.SubnetType.PRIVATE_WITH_EGRESS,
  db: ec2.SubnetType.PRIVATE_ISOLATED,
  cache: ec2.SubnetType.PRIVATE_ISOLATED,
  streaming: ec2.SubnetType.PRIVATE_WITH_EGRESS,
};

/** The network of docs/architecture.md: the VPC, its ten subnets, a NAT gateway per AZ and the VPC endpoints. */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;
  /** The ALB's security group (the Load Balancer Controller attaches it through the Ingress annotation). */
  readonly albSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: 'urr-vpc',
      ipAddresses: new PlannedSubnets(props.availabilityZones),
      availabilityZones: [...props.availabilityZones],
      natGateways: 2,
      natGatewaySubnets: { subnetGroupName: 'public' },
      subnetConfiguration: (Object.keys(subnetPlan) as SubnetKind[]).map((kind) => ({
        name: kind,
        subnetType: subnetTypes[kind],
        cidrMask: 24,
        ...(kind === 'public' ? { mapPublicIpOnLaunch: false } : {}),
      })),
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
      restrictDefaultSecurityGroup: false,
    });

    const appSubnets = this.subnets('app');
    const endpoints: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDkr: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Ec2: ec2.InterfaceVpcEndpointAwsService.EC2,
      Eks: ec2.InterfaceVpcEndpointAwsService.EKS,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Elb: ec2.InterfaceVpcEndpointAwsService.ELASTIC_LOAD_BALANCING,
      AutoScaling: ec2.InterfaceVpcEndpointAwsService.AUTOSCALING,
    };
    for (const [name, service] of Object.entries(endpoints))
      this.vpc.addInterfaceEndpoint(name, { service, subnets: appSubnets, privateDnsEnabled: true });

    this.albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc: this.vpc,
      description: 'URR ALB: HTTPS from CloudFront only',
      allowAllOutbound: true,
    });
    if (props.cloudFrontPrefixListId)
      this.albSecurityGroup.addIngressRule(
        ec2.Peer.prefixList(props.cloudFrontPrefixListId),
        ec2.Port.tcp(443),
        'CloudFront origin-facing',
      );
    else
      Annotations.of(this).addWarningV2(
        'urr:no-cloudfront-prefix-list',
        'No urr:cloudFrontPrefixListId: the ALB security group admits nothing until it is set',
      );
    new CfnOutput(this, 'AlbSecurityGroupId', {
      value: this.albSecurityGroup.securityGroupId,
      description:
        'The EdgeIngress annotation alb.ingress.kubernetes.io/security-groups (URR_ALB_SECURITY_GROUPS)',
    });
  }

  /** The subnets of one kind of the architecture's plan. */
  subnets(kind: SubnetKind): ec2.SubnetSelection {
    return { subnetGroupName: kind };
  }
}
