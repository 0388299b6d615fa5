import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vwrApiRoutes } from '@urr/vwr-api/routes';
import { App, type Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { imageRepositories } from './compute/image-repositories.js';
import { kafkaClients } from './compute/kafka-access.js';
import { serviceDatabases } from './data/data-stack.js';
import { EdgeStack, edgeAuthKeysFile, edgeWafLogGroupName } from './edge/edge-stack.js';
import { originVerifyHeader, originVerifySecretName } from './edge/origin-verify.js';
import { securityHeaders } from './edge/security-headers.js';
import { subnetPlan } from './network/subnet-plan.js';
import { defineUrrInfra } from './urr-infra.js';
import { vwrTokenKid } from './vwr/vwr-stack.js';

// One synth of the whole app; each stack's template is read from the one cloud assembly.
const outdir = mkdtempSync(join(tmpdir(), 'urr-infra-'));
const app = new App({ outdir });
const stacks = defineUrrInfra(app, {
  account: '123456789012',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  cloudFrontPrefixListId: 'pl-22a6434b',
  alarmEmail: 'oncall@example.com',
  githubRepository: 'urr-tickets/urr',
  clusterAdminArns: ['arn:aws:iam::123456789012:role/platform-admin'],
});
const assembly = app.synth();
const templateOf = (stack: Stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are untyped JSON
type Resources = Record<string, { Properties: any }>;

describe('network', () => {
  const template = templateOf(stacks.network);

  it('is one 10.0.0.0/16 VPC with the architecture’s ten subnets, five kinds in two AZs', () => {
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

describe('data', () => {
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

  it('runs MSK 3.6.0 with one broker per AZ, TLS in transit and IAM clients only', () => {
    template.hasResourceProperties('AWS::MSK::Cluster', {
      KafkaVersion: '3.6.0',
      NumberOfBrokerNodes: 2,
      EncryptionInfo: { EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true } },
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
    });
    // Only the IAM listener (9098) is open to the app subnets; 9094 (TLS without IAM) is not served.
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroup') as Resources)
      .filter((group) => group.Properties.GroupDescription === 'URR MSK brokers')
      .flatMap((group) => group.Properties.SecurityGroupIngress ?? []);
    expect(new Set(ingress.map((rule: { FromPort: number }) => rule.FromPort))).toEqual(new Set([9098]));
  });

  it('gives each database-owning service its own login, which RDS Proxy accepts', () => {
    const logins = Object.values(template.findResources('AWS::SecretsManager::Secret') as Resources).filter(
      (secret) => String(secret.Properties.Name).startsWith('urr/database/'),
    );
    expect(logins.map((secret) => secret.Properties.Name).sort()).toEqual(
      Object.keys(serviceDatabases)
        .map((service) => `urr/database/${service}`)
        .sort(),
    );
    const ticket = logins.find((secret) => secret.Properties.Name === 'urr/database/ticket-service')!;
    expect(JSON.parse(ticket.Properties.GenerateSecretString.SecretStringTemplate)).toMatchObject({
      username: 'ticket_service',
      dbname: 'ticket_db',
    });
    const [proxy] = Object.values(template.findResources('AWS::RDS::DBProxy') as Resources);
    expect(proxy!.Properties.Auth).toHaveLength(1 + logins.length);
  });
});

describe('waiting room', () => {
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
    const functions = Object.values(template.findResources('AWS::Lambda::Function') as Resources).filter(
      (fn) => fn.Properties.Runtime === 'nodejs22.x',
    );
    expect(functions).toHaveLength(vwrApiRoutes.length + 1);
    for (const fn of functions) expect(fn.Properties.Handler).toBe('index.handler');
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
  });
});

describe('edge', () => {
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

describe('edge: security headers, WAF logs, the frontend’s static files, edge-auth’s keys', () => {
  const template = templateOf(stacks.edge);
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution') as Resources);
  const config = distribution!.Properties.DistributionConfig;

  it('answers every path with the security headers policy, whose values are the ones a server writes', () => {
    const [policy] = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources,
    );
    const headers = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(
      `max-age=${headers.StrictTransportSecurity.AccessControlMaxAgeSec}; includeSubDomains; preload`,
    ).toBe(securityHeaders['strict-transport-security']);
    expect(headers.StrictTransportSecurity).toMatchObject({
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    });
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(
      securityHeaders['content-security-policy'],
    );
    expect(headers.FrameOptions.FrameOption).toBe(securityHeaders['x-frame-options']);
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe(securityHeaders['referrer-policy']);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(securityHeaders['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId).toBeDefined();
  });

  it('logs the web ACL’s requests to aws-waf-logs-urr-edge with cookies and authorization redacted', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: edgeWafLogGroupName });
    const [logging] = Object.values(template.findResources('AWS::WAFv2::LoggingConfiguration') as Resources);
    expect(logging!.Properties).toMatchObject({
      ResourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^WebAcl/), 'Arn'] },
      RedactedFields: [{ SingleHeader: { Name: 'cookie' } }, { SingleHeader: { Name: 'authorization' } }],
    });
    // The log group's ARN as WAF takes it: no ":*" at the end.
    const [destination] = logging!.Properties.LogDestinationConfigs;
    expect(JSON.stringify(destination)).toMatch(/:log-group:",\{"Ref":"WebAclLogs[0-9A-F]+"\}\]\]\}$/);
  });

  it('uploads nothing under _next/static without a frontend build, and says so at synth', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment') as Resources);
    expect(deployments.map((deployment) => deployment.Properties.DestinationBucketKeyPrefix ?? '')).toEqual([
      '',
    ]);
    const warnings = assembly
      .getStackByName(stacks.edge.stackName)
      .messages.filter((message) => message.level === 'warning')
      .map((message) => String(message.entry.data));
    expect(warnings.some((warning) => warning.includes('no frontend build'))).toBe(true);
    expect(warnings.some((warning) => warning.includes('edge-auth has no keys'))).toBe(true);
  });

  it('uploads the frontend build under _next/static (immutable, never pruned) and bakes the validated keys into edge-auth', () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'urr-next-static-'));
    mkdirSync(join(staticDir, 'chunks'));
    writeFileSync(join(staticDir, 'chunks', 'main-0123abcd.js'), 'console.log(1)');
    const keys = {
      vwrToken: { currentKid: 'k1', keys: { k1: 'v'.repeat(40) } },
      entryTokenSecret: 'e'.repeat(40),
    };
    try {
      const edgeApp = new App({ outdir: mkdtempSync(join(tmpdir(), 'urr-edge-')) });
      const edge = new EdgeStack(edgeApp, 'Edge', {
        env: { region: 'us-east-1', account: '123456789012' },
        domainName: 'urr.guru',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        albOriginDomainName: 'origin.urr.guru',
        vwrApiDomainName: 'api.example.com',
        frontendStaticDir: staticDir,
        edgeAuthKeys: keys,
      });
      const edgeAssembly = edgeApp.synth();
      Template.fromJSON(edgeAssembly.getStackByName(edge.stackName).template).hasResourceProperties(
        'Custom::CDKBucketDeployment',
        {
          DestinationBucketKeyPrefix: '_next/static/',
          Prune: false,
          SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
        },
      );
      const bundled = join(edgeAssembly.directory, 'lambda-bundles', `${edge.stackName}-EdgeAuth`);
      expect(JSON.parse(readFileSync(join(bundled, edgeAuthKeysFile), 'utf8'))).toEqual(keys);
      expect(
        () =>
          new EdgeStack(new App(), 'Bad', {
            env: { region: 'us-east-1' },
            domainName: 'urr.guru',
            hostedZoneId: 'Z1',
            albOriginDomainName: 'o',
            vwrApiDomainName: 'a',
            edgeAuthKeys: { ...keys, entryTokenSecret: 'too short' },
          }),
      ).toThrow(/entryTokenSecret/);
      rmSync(edgeAssembly.directory, { recursive: true, force: true });
    } finally {
      rmSync(staticDir, { recursive: true, force: true });
    }
  });
});

describe('compute', () => {
  const template = templateOf(stacks.compute);

  it('runs EKS with public and private endpoints and m6i.xlarge × 3–6 nodes in the app subnets', () => {
    template.hasResourceProperties('AWS::EKS::Cluster', {
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: true }),
    });
    template.hasResourceProperties('AWS::EKS::Nodegroup', {
      InstanceTypes: ['m6i.xlarge'],
      ScalingConfig: { MinSize: 3, DesiredSize: 3, MaxSize: 6 },
    });
    // Besides the role that created it, the cluster knows the administrators it is given, and no one else;
    // Karpenter's nodes join as EC2_LINUX nodes, with no access policy.
    const entries = Object.values(template.findResources('AWS::EKS::AccessEntry') as Resources);
    const administrators = entries.filter((entry) => entry.Properties.AccessPolicies);
    expect(administrators.map((entry) => entry.Properties.PrincipalArn)).toEqual([
      'arn:aws:iam::123456789012:role/platform-admin',
    ]);
    const nodes = entries.filter((entry) => !entry.Properties.AccessPolicies);
    expect(nodes.map((entry) => entry.Properties.Type)).toEqual(['EC2_LINUX']);
  });

  it('has an ECR repository per image', () => {
    const repositories = Object.values(template.findResources('AWS::ECR::Repository') as Resources);
    expect(repositories.map((repository) => repository.Properties.RepositoryName).sort()).toEqual(
      imageRepositories.map((name) => `urr/${name}`).sort(),
    );
  });

  it('runs the real ticket worker on the queue, as ticket-service’s login through RDS Proxy over verified TLS', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Resources);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(mappings[0]!.Properties.Enabled ?? true).toBe(true);
    const [worker] = Object.values(template.findResources('AWS::Lambda::Function') as Resources).filter(
      (fn) => fn.Properties.FunctionName === 'urr-ticket-worker',
    );
    expect(worker!.Properties.Handler).toBe('index.handler');
    const url = JSON.stringify(worker!.Properties.Environment.Variables.DATABASE_URL);
    expect(url).toMatch(/^"?\{"Fn::Join":\["",\["postgres:\/\/\{\{resolve:secretsmanager:/);
    expect(url).toContain(':SecretString:password::}}@');
    expect(url).toContain(':5432/ticket_db?sslmode=verify-full');
    expect(url).not.toContain('urr_admin');
  });

  it('gives each Kafka client an IRSA role that may use urr-msk by IAM, and exports every role ARN', () => {
    for (const service of kafkaClients)
      template.hasOutput(
        `${service.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase())}RoleArn`,
        {},
      );
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy') as Resources);
    const actions = policy!.Properties.PolicyDocument.Statement.flatMap(
      (statement: { Action: string | string[] }) => statement.Action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'kafka-cluster:Connect',
        'kafka-cluster:WriteData',
        'kafka-cluster:AlterGroup',
      ]),
    );
    expect(actions.every((action: string) => action.startsWith('kafka-cluster:'))).toBe(true);
  });
});

describe('the cluster add-ons’ IRSA roles', () => {
  const template = templateOf(stacks.compute);
  const roles = template.findResources('AWS::IAM::Role') as Resources;
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  const trustJson = template.findResources('Custom::AWSCDKCfnJson') as Resources;
  // biome-ignore lint/suspicious/noExplicitAny: IAM statements are untyped JSON
  type Statement = { Action: string | string[]; Resource: any; Condition?: any; Sid?: string };
  const roleId = (namePrefix: string) => {
    const id = Object.keys(roles).find((key) => key.startsWith(namePrefix));
    if (!id) throw new Error(`no role ${namePrefix}`);
    return id;
  };
  const statementsOf = (namePrefix: string): Statement[] => {
    const id = roleId(namePrefix);
    return Object.values(policies)
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === id))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  };
  const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => statement.Action);
  const trustOf = (roleName: string) => {
    const id = Object.keys(trustJson).find((key) => key.startsWith(`${roleName}Trust`));
    return JSON.stringify(trustJson[id!]!.Properties.Value);
  };

  it.each([
    ['LoadBalancerControllerRole', 'kube-system', 'aws-load-balancer-controller'],
    ['ExternalDnsRole', 'external-dns', 'external-dns'],
    ['ExternalSecretsRole', 'external-secrets', 'external-secrets'],
    ['KarpenterRole', 'karpenter', 'karpenter'],
    ['AlertmanagerRole', 'monitoring', 'alertmanager'],
  ])('%s trusts only %s/%s of the cluster, by sub and aud', (name, namespace, serviceAccount) => {
    const role = roles[roleId(name)]!;
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(JSON.stringify(trust.Principal)).toContain('ServiceAccountIssuer');
    expect(Object.keys(trust.Condition)).toEqual(['StringEquals']);
    const conditions = trustOf(name);
    expect(conditions).toContain(`:sub\\":\\"system:serviceaccount:${namespace}:${serviceAccount}\\"`);
    expect(conditions).toContain(':aud\\":\\"sts.amazonaws.com\\"');
  });

  it('lets external-dns change records only in the site’s hosted zone', () => {
    const statements = statementsOf('ExternalDnsRole');
    const change = statements.find((statement) =>
      actionsOf([statement]).includes('route53:ChangeResourceRecordSets'),
    );
    expect(JSON.stringify(change!.Resource)).toContain('hostedzone/Z0123456789ABCDEFGHIJ');
    expect(JSON.stringify(change!.Resource)).not.toContain('*');
  });

  it('lets Alertmanager publish to the alarm topic and do nothing else', () => {
    const statements = statementsOf('AlertmanagerRole');
    expect(actionsOf(statements)).toEqual(['sns:Publish']);
    expect(JSON.stringify(statements[0]!.Resource)).toMatch(/:sns:.*:urr-alarms"/);
    templateOf(stacks.monitoring).hasResourceProperties('AWS::SNS::Topic', { TopicName: 'urr-alarms' });
  });

  it('lets External Secrets read only URR’s Secrets Manager entries, and write none', () => {
    const statements = statementsOf('ExternalSecretsRole');
    expect(actionsOf(statements).every((action) => /^secretsmanager:(Get|Describe|List)/.test(action))).toBe(
      true,
    );
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).toContain(':secret:urr/*');
  });

  it('lets the Load Balancer Controller delete only load balancers and security groups it tagged', () => {
    const statements = statementsOf('LoadBalancerControllerRole');
    const deletes = statements.filter((statement) =>
      actionsOf([statement]).some((action) =>
        /:Delete(LoadBalancer|SecurityGroup|TargetGroup)$/.test(action),
      ),
    );
    expect(deletes.length).toBeGreaterThan(0);
    for (const statement of deletes)
      expect(statement.Condition).toEqual({ Null: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'false' } });
  });

  it('scopes Karpenter to the cluster’s tagged resources, its node role and its interruption queue', () => {
    const statements = statementsOf('KarpenterRole');
    const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid)!;
    expect(JSON.stringify(bySid('DeleteOwn').Condition)).toContain('kubernetes.io/cluster/');
    expect(JSON.stringify(bySid('PassNodeRole').Resource)).toContain('AddonsKarpenterNodeRole');
    expect(JSON.stringify(bySid('InterruptionQueue').Resource)).toContain('AddonsKarpenterInterruptions');
    expect(JSON.stringify(bySid('DescribeCluster').Resource)).toContain('Cluster');
    const unscoped = statements.filter((statement) => statement.Resource === '*');
    expect(actionsOf(unscoped).every((action) => /:(Describe|Get|List)/.test(action))).toBe(true);
  });

  it('feeds Karpenter’s queue from spot interruptions, rebalances, state changes and health events', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule') as Resources);
    const detailTypes = rules.flatMap((rule) => rule.Properties.EventPattern['detail-type']);
    expect(detailTypes.sort()).toEqual([
      'AWS Health Event',
      'EC2 Instance Rebalance Recommendation',
      'EC2 Instance State-change Notification',
      'EC2 Spot Instance Interruption Warning',
    ]);
    for (const rule of rules)
      expect(JSON.stringify(rule.Properties.Targets)).toContain('AddonsKarpenterInterruptions');
  });

  it('outputs every setting the add-ons read', () => {
    for (const output of [
      'LoadBalancerControllerRoleArn',
      'ExternalDnsRoleArn',
      'ExternalSecretsRoleArn',
      'KarpenterRoleArn',
      'AlertmanagerRoleArn',
      'ClusterName',
      'DnsZone',
      'KarpenterNodeRoleName',
      'KarpenterInterruptionQueueName',
    ])
      template.hasOutput(output, {});
    templateOf(stacks.data).hasOutput('DatabaseReplicaEndpoint', {});
    templateOf(stacks.data).hasOutput('RedisEndpoint', {});
    templateOf(stacks.monitoring).hasOutput('AmpRemoteWriteUrl', {});
    templateOf(stacks.monitoring).hasOutput('AlarmTopicArn', {});
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

describe('CI roles (GitHub OIDC, no long-lived keys)', () => {
  const template = templateOf(stacks.ci!);
  const roles = template.findResources('AWS::IAM::Role') as Resources;
  const roleNamed = (name: string) =>
    Object.entries(roles).find(([, role]) => role.Properties.RoleName === name)!;
  const policyOf = (logicalId: string) =>
    Object.values(template.findResources('AWS::IAM::Policy') as Resources)
      .filter((policy) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === logicalId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

  it('trusts only this repository’s main branch to push images, and only its production environment to deploy', () => {
    template.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    const trust = (name: string) => roleNamed(name)[1].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust('urr-ci-images')).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:urr-tickets/urr:ref:refs/heads/main',
          },
        },
      }),
    ]);
    expect(JSON.stringify(trust('urr-ci-deploy'))).toContain('repo:urr-tickets/urr:environment:production');
    expect(JSON.stringify(trust('urr-ci-deploy'))).not.toContain('refs/heads');
  });

  it('lets the images role push to urr/* only, and the deploy role act through the CDK bootstrap roles', () => {
    const images = policyOf(roleNamed('urr-ci-images')[0]);
    const push = images.find((statement: { Action: string[] }) => statement.Action.includes('ecr:PutImage'));
    expect(JSON.stringify(push.Resource)).toContain(':repository/urr/*');
    const deploy = policyOf(roleNamed('urr-ci-deploy')[0]);
    expect(JSON.stringify(deploy)).toContain(':role/cdk-hnb659fds-*');
    expect(JSON.stringify(deploy)).not.toMatch(/"Action":"\*"|iam:\*|"cloudformation:\*"/);
    template.hasOutput('DeployRoleArn', {});
    template.hasOutput('ImagesRoleArn', {});
  });
});

describe('the release scripts read what the stacks really give', () => {
  const scriptOf = (name: string) =>
    readFileSync(new URL(`../../scripts/ci/${name}`, import.meta.url), 'utf8');

  it('every stack output manifest-settings.sh reads exists, under that stack', () => {
    const reads = [
      ...scriptOf('manifest-settings.sh').matchAll(/\$\(output (\w+) (\w+)\)|^URR_\w+ (Urr\w+) (\w+)$/gm),
    ].map(([, stack, key, tableStack, tableKey]) => ({
      stack: (stack ?? tableStack)!,
      key: (key ?? tableKey)!,
    }));
    expect(reads.length).toBeGreaterThanOrEqual(23);
    for (const { stack, key } of reads)
      expect(Object.keys(assembly.getStackByName(stack).template.Outputs ?? {}), `${stack}.${key}`).toContain(
        key,
      );
  });

  it('edge-auth-keys.sh files the vwr token key under the kid the vwr-api Lambdas sign with', () => {
    const [, kid] = /^VWR_TOKEN_KID="([^"]+)"$/m.exec(scriptOf('edge-auth-keys.sh'))!;
    expect(kid).toBe(vwrTokenKid);
    const functions = Object.values(
      templateOf(stacks.vwr).findResources('AWS::Lambda::Function') as Resources,
    );
    const signers = functions.filter((fn) => fn.Properties.Environment?.Variables?.VWR_TOKEN_SECRET);
    expect(signers).toHaveLength(vwrApiRoutes.length);
    for (const fn of signers) expect(fn.Properties.Environment.Variables.VWR_TOKEN_KID).toBe(kid);
  });
});

describe('monitoring', () => {
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
