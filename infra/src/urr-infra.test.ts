import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vwrApiRoutes } from '@urr/vwr-api/routes';
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { originVerifyHeader, originVerifySecretName } from './edge/origin-verify.js';
import { subnetPlan } from './network/subnet-plan.js';
import { defineUrrInfra } from './urr-infra.js';

// One synth of the whole app; each stack's template is read from the one cloud assembly.
const outdir = mkdtempSync(join(tmpdir(), 'urr-infra-'));
const app = new App({ outdir });
const stacks = defineUrrInfra(app, {
  account: '123456789012',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  cloudFrontPrefixListId: 'pl-22a6434b',
  alarmEmail: 'oncall@example.com',
});
const assembly = app.synth();
const templateOf = (stack: Stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are untyped JSON
type Resources = Record<string, { Properties: any }>;

describe('network (seed 5)', () => {
  const template = templateOf(stacks.network);

  it('is one 10.0.0.0/16 VPC with the seed’s ten subnets, five kinds in two AZs', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet') as Resources);
    expect(subnets).toHaveLength(10);
    const expected = Object.values(subnetPlan).flatMap((kind) => kind.cidrs);
    expect(subnets.map((subnet) => subnet.Properties.CidrBlock).sort()).toEqual([...expected].sort());
    const zones = new Set(subnets.map((subnet) => subnet.Properties.AvailabilityZone));
    expect(zones).toEqual(new Set(['ap-northeast-2a', 'ap-northeast-2c']));
  });

  it('has a NAT gateway per AZ; DB and cache subnets have no default route at all', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    const defaultRoutes = Object.values(template.findResources('AWS::EC2::Route') as Resources).filter(
      (route) => route.Properties.DestinationCidrBlock === '0.0.0.0/0',
    );
    // Two public subnets through the IGW, app and streaming subnets (2 + 2) through NAT.
    expect(defaultRoutes.filter((route) => route.Properties.GatewayId)).toHaveLength(2);
    expect(defaultRoutes.filter((route) => route.Properties.NatGatewayId)).toHaveLength(4);
  });

  it('has the S3 gateway endpoint and the nine interface endpoints in the app subnets', () => {
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint') as Resources);
    const types = endpoints.map((endpoint) => endpoint.Properties.VpcEndpointType);
    expect(types.filter((type) => type === 'Gateway')).toHaveLength(1);
    expect(types.filter((type) => type === 'Interface')).toHaveLength(9);
    const names = JSON.stringify(endpoints.map((endpoint) => endpoint.Properties.ServiceName));
    for (const service of [
      'ecr.api',
      'ecr.dkr',
      '.ec2',
      '.eks',
      '.sts',
      '.logs',
      'secretsmanager',
      'elasticloadbalancing',
      'autoscaling',
    ])
      expect(names).toContain(service);
  });

  it('admits only CloudFront to the ALB', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourcePrefixListId: 'pl-22a6434b',
      FromPort: 443,
      ToPort: 443,
    });
  });
});

describe('data (seed 8)', () => {
  const template = templateOf(stacks.data);

  it('sends ticket events through a FIFO queue whose DLQ takes a message after 3 receives and keeps it 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'ticket-events.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: false,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 3 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'ticket-events-dlq.fifo',
      FifoQueue: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('runs PostgreSQL 16.4 Multi-AZ on 50 GB gp3 with a read replica and a TLS-only RDS Proxy', () => {
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: '16.4',
      MultiAZ: true,
      DBInstanceClass: 'db.t3.medium',
      AllocatedStorage: '50',
      StorageType: 'gp3',
      StorageEncrypted: true,
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: Match.anyValue() });
    template.hasResourceProperties('AWS::RDS::DBProxy', { EngineFamily: 'POSTGRESQL', RequireTLS: true });
  });

  it('runs Redis 7.1 with a replica, failover, TLS and an AUTH token that is never in the template', () => {
    template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      EngineVersion: '7.1',
      CacheNodeType: 'cache.t4g.medium',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      TransitEncryptionEnabled: true,
    });
    const [group] = Object.values(template.findResources('AWS::ElastiCache::ReplicationGroup') as Resources);
    expect(JSON.stringify(group!.Properties.AuthToken)).toContain('resolve:secretsmanager');
  });

  it('runs MSK 3.6.0 with one broker per AZ and TLS in transit', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      KafkaVersion: '3.6.0',
      NumberOfBrokerNodes: 2,
      EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
    });
  });
});

describe('waiting room (seed 4.1, 8.7)', () => {
  const template = templateOf(stacks.vwr);

  it('keeps counters by eventId and positions with the expiresAt TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'urr-vwr-counters',
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'urr-vwr-positions',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('routes each vwr-api route to its own handler, and advances counters every minute', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources);
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      vwrApiRoutes.map((route) => route.routeKey).sort(),
    );
    for (const name of ['assign', 'check', 'leave'])
      template.hasResourceProperties('AWS::Lambda::Function', { Handler: `src/handlers/${name}.handler` });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'src/handler.handler',
      ReservedConcurrentExecutions: 1,
    });
  });
});

describe('edge (seed 3)', () => {
  const template = templateOf(stacks.edge);
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution') as Resources);
  const config = distribution!.Properties.DistributionConfig;
  const behaviour = (path: string) =>
    config.CacheBehaviors.find((each: { PathPattern: string }) => each.PathPattern === path);

  it('routes /api/*, /vwr-api/*, /vwr/*, /_next/static/* and /static/* besides the default', () => {
    expect(config.CacheBehaviors.map((each: { PathPattern: string }) => each.PathPattern).sort()).toEqual(
      ['/_next/static/*', '/api/*', '/static/*', '/vwr-api/*', '/vwr/*'].sort(),
    );
    expect(config.Aliases).toEqual(['urr.guru']);
  });

  it('checks tokens with Lambda@Edge on /api/* and rewrites /vwr/* with the CloudFront Function', () => {
    expect(behaviour('/api/*').LambdaFunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    expect(behaviour('/vwr/*').FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    const source = readFileSync(
      new URL('../../lambdas/vwr-rewrite/src/vwr-rewrite.js', import.meta.url),
      'utf8',
    );
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: source,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0', Comment: Match.anyValue() },
    });
  });

  it('serves assets from S3 through Origin Access Control and guards the distribution with the four WAF rules', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: [
        Match.objectLike({
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 2000, AggregateKeyType: 'IP' }) },
        }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesSQLiRuleSet' }),
      ],
    });
    expect(config.WebACLId).toBeDefined();
  });
});

describe('compute (seed 6, 10.2)', () => {
  const template = templateOf(stacks.compute);

  it('runs EKS with public and private endpoints and t3.medium × 2–5 nodes in the app subnets', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: true }),
    });
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['t3.medium'],
      ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 5 },
    });
  });

  it('has an ECR repository per image, and keeps the stub ticket worker from draining the queue', () => {
    const repositories = Object.values(template.findResources('AWS::ECR::Repository') as Resources);
    expect(repositories.map((repository) => repository.Properties.RepositoryName)).toContain(
      'urr/gateway-service',
    );
    expect(repositories).toHaveLength(10);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { Enabled: false, BatchSize: 10 });
  });
});

describe('the ALB admits only URR’s own CloudFront distribution (origin secret)', () => {
  const edge = templateOf(stacks.edge);
  const compute = templateOf(stacks.compute);
  const data = templateOf(stacks.data);
  const [distribution] = Object.values(edge.findResources('AWS::CloudFront::Distribution') as Resources);
  const { Origins: distributionOrigins } = distribution!.Properties.DistributionConfig;
  const dynamicReference = /^\{\{resolve:secretsmanager:urr\/alb-origin-verify:SecretString:::\}\}$/;

  it('generates the secret in Secrets Manager and replicates it to us-east-1 for CloudFront', () => {
    data.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: originVerifySecretName,
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      ReplicaRegions: [{ Region: 'us-east-1' }],
    });
    expect(stacks.edge.dependencies).toContain(stacks.data);
  });

  it('has CloudFront send the secret to the ALB, and only to the ALB, by dynamic reference', () => {
    const albOrigins = distributionOrigins.filter(
      (origin: { DomainName: unknown }) => origin.DomainName === 'origin.urr.guru',
    );
    expect(albOrigins).toHaveLength(1);
    expect(albOrigins[0].OriginCustomHeaders).toEqual([
      { HeaderName: originVerifyHeader, HeaderValue: expect.stringMatching(dynamicReference) },
    ]);
    for (const origin of distributionOrigins.filter(
      (each: { DomainName: unknown }) => each.DomainName !== 'origin.urr.guru',
    ))
      expect(origin.OriginCustomHeaders ?? []).toEqual([]);
  });

  it('refuses with 403 every request to the ALB without the secret header, in a regional web ACL it exports', () => {
    const acls = Object.values(compute.findResources('AWS::WAFv2::WebACL') as Resources);
    expect(acls).toHaveLength(1);
    const acl = acls[0]!.Properties;
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(acl.Rules).toEqual([
      expect.objectContaining({
        Priority: 0,
        Action: { Block: { CustomResponse: { ResponseCode: 403 } } },
        Statement: {
          NotStatement: {
            Statement: {
              ByteMatchStatement: {
                FieldToMatch: { SingleHeader: { Name: originVerifyHeader } },
                PositionalConstraint: 'EXACTLY',
                SearchString: expect.anything(),
                TextTransformations: [{ Priority: 0, Type: 'NONE' }],
              },
            },
          },
        },
      }),
    ]);
    // The value is a Secrets Manager dynamic reference to the data stack's secret, never a literal.
    const searchString = JSON.stringify(
      acl.Rules[0].Statement.NotStatement.Statement.ByteMatchStatement.SearchString,
    );
    expect(searchString).toContain('{{resolve:secretsmanager:');
    expect(searchString).toContain('OriginVerifySecret');
    compute.hasOutput('AlbWebAclArn', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });
});

describe('monitoring (seed 9)', () => {
  const template = templateOf(stacks.monitoring);

  it('has AMP and AMG, and every alarm notifies the SNS topic', () => {
    template.resourceCountIs('AWS::APS::Workspace', 1);
    template.hasResourceProperties('AWS::Grafana::Workspace', { DataSources: ['PROMETHEUS', 'CLOUDWATCH'] });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Resources);
    expect(alarms.length).toBeGreaterThan(15);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
    });
  });
});
