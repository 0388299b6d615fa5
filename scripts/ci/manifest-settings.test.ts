/**
 * scripts/ci/manifest-settings.sh on a describe-stacks document: every manifest setting that comes from the
 * stacks is printed, the manifests read it as given (no placeholder left), and a missing output fails the
 * run naming it. MSK's brokers come from an `aws` on PATH that answers get-bootstrap-brokers only, so a
 * second describe-stacks call would fail the test.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestEnvSchema, settingsFromEnv } from '../../manifests/src/settings.js';

const script = join(import.meta.dirname, 'manifest-settings.sh');
const root = mkdtempSync(join(tmpdir(), 'urr-manifest-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const account = '210987654321';
const kafkaArn = `arn:aws:kafka:eu-west-1:${account}:cluster/urr-msk/abc`;
const brokers = 'b-1.urr-msk.example:9098,b-2.urr-msk.example:9098';
writeFileSync(
  join(root, 'aws'),
  `#!/usr/bin/env bash
[ "$1 $2 $3 $4" = "kafka get-bootstrap-brokers --cluster-arn ${kafkaArn}" ] || { echo "unexpected: aws $*" >&2; exit 9; }
echo '${brokers}'
`,
);
chmodSync(join(root, 'aws'), 0o755);

const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const stackOutputs: Record<string, Record<string, string>> = {
  UrrNetwork: { AlbSecurityGroupId: 'sg-0123456789abcdef0' },
  UrrData: {
    KafkaClusterArn: kafkaArn,
    DatabaseProxyEndpoint: 'urr.proxy-xyz.eu-west-1.rds.amazonaws.com',
    DatabaseReplicaEndpoint: 'urr-replica.xyz.eu-west-1.rds.amazonaws.com',
    RedisEndpoint: 'master.urr.xyz.euw1.cache.amazonaws.com',
  },
  UrrMonitoring: {
    AmpRemoteWriteUrl: 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1/api/v1/remote_write',
    AlarmTopicArn: `arn:aws:sns:eu-west-1:${account}:urr-alarms`,
  },
  UrrCompute: {
    QueueServiceRoleArn: role('queue'),
    OperatorRoleArn: role('operator'),
    TicketServiceRoleArn: role('ticket'),
    PaymentServiceRoleArn: role('payment'),
    StatsServiceRoleArn: role('stats'),
    CatalogServiceRoleArn: role('catalog'),
    PrometheusRoleArn: role('prometheus'),
    AlertmanagerRoleArn: role('alertmanager'),
    LoadBalancerControllerRoleArn: role('lbc'),
    ExternalDnsRoleArn: role('external-dns'),
    ExternalSecretsRoleArn: role('external-secrets'),
    KarpenterRoleArn: role('karpenter'),
    KarpenterNodeRoleName: 'KarpenterNodeRole-urr-prod',
    KarpenterInterruptionQueueName: 'urr-prod-karpenter-interruptions',
    ClusterName: 'urr-prod',
    DnsZone: 'tickets.example.org',
    AlbWebAclArn: `arn:aws:wafv2:eu-west-1:${account}:regional/webacl/urr/1`,
    AlbCertificateArn: `arn:aws:acm:eu-west-1:${account}:certificate/1`,
  },
};
const describeStacks = (outputs: Record<string, Record<string, string>>) => ({
  Stacks: Object.entries(outputs).map(([StackName, values]) => ({
    StackName,
    Outputs: Object.entries(values).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
  })),
});

function run(outputs: Record<string, Record<string, string>>) {
  const file = join(root, `outputs-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(describeStacks(outputs)));
  return execFileSync('bash', [script, file], {
    env: { PATH: `${root}:${process.env.PATH}`, AWS_REGION: 'eu-west-1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
const parse = (text: string) =>
  Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

/** Settings that are not the stacks': the release's own (tag, Git), the PSP, and the local node's. */
const notFromStacks = new Set([
  'URR_IMAGE_TAG',
  'URR_GIT_REPO',
  'URR_GIT_REVISION',
  'URR_PSP_URL',
  'URR_KAFKA_SECURITY',
  'URR_AWS_ENDPOINT_URL',
  'URR_CPU_REQUEST_SCALE',
]);

describe('manifest-settings.sh', () => {
  const printed = parse(run(stackOutputs));

  it('prints every setting of the manifests that the stacks hold', () => {
    const needed = Object.keys(manifestEnvSchema.shape).filter((name) => !notFromStacks.has(name));
    expect(Object.keys(printed).sort()).toEqual(needed.sort());
    for (const [name, value] of Object.entries(printed)) expect(value, name).not.toBe('');
  });

  it('gives the manifests the stacks’ values, not placeholders', () => {
    const settings = settingsFromEnv(printed);
    expect(settings.imageRegistry).toBe(`${account}.dkr.ecr.eu-west-1.amazonaws.com`);
    expect(settings.kafkaBrokers).toEqual(brokers.split(','));
    expect(settings.addons).toEqual({
      clusterName: 'urr-prod',
      dnsZone: 'tickets.example.org',
      ampRemoteWriteUrl: stackOutputs.UrrMonitoring!.AmpRemoteWriteUrl,
      databaseProxyEndpoint: stackOutputs.UrrData!.DatabaseProxyEndpoint,
      databaseReplicaEndpoint: stackOutputs.UrrData!.DatabaseReplicaEndpoint,
      redisEndpoint: stackOutputs.UrrData!.RedisEndpoint,
      karpenterNodeRole: 'KarpenterNodeRole-urr-prod',
      karpenterInterruptionQueue: 'urr-prod-karpenter-interruptions',
      alarmTopicArn: stackOutputs.UrrMonitoring!.AlarmTopicArn,
      iamRoles: {
        prometheus: role('prometheus'),
        alertmanager: role('alertmanager'),
        'load-balancer-controller': role('lbc'),
        'external-dns': role('external-dns'),
        'external-secrets': role('external-secrets'),
        karpenter: role('karpenter'),
      },
    });
    expect(settings.iamRoles).toEqual({
      queue: role('queue'),
      operator: role('operator'),
      ticket: role('ticket'),
      payment: role('payment'),
      stats: role('stats'),
      catalog: role('catalog'),
    });
  });

  it.each([
    ['UrrCompute', 'KarpenterRoleArn'],
    ['UrrData', 'RedisEndpoint'],
    ['UrrMonitoring', 'AmpRemoteWriteUrl'],
  ])('fails naming %s %s when that output is missing, printing nothing', (stack, key) => {
    const { [key]: _missing, ...rest } = stackOutputs[stack]!;
    let error: { status: number; stdout: string; stderr: string } | undefined;
    try {
      run({ ...stackOutputs, [stack]: rest });
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.status).not.toBe(0);
    expect(error?.stderr).toContain(`stack ${stack} has no output ${key}`);
    expect(error?.stdout).toBe('');
  });
});
