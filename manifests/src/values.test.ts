import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { EdgeIngress } from './edge-ingress.js';
import { EnvVar, SecretKey } from './env-var.js';
import { ExternalEndpoint } from './external-endpoint.js';
import { ImageRef } from './image-ref.js';
import { NetworkPolicies } from './network-policies.js';
import { ReplicaRange } from './replica-range.js';
import { ResourceBudget } from './resource-budget.js';
import { workloadCatalog } from './service-catalog.js';
import { settingsFromEnv } from './settings.js';

describe('values that have rules fail at synth time, naming the bad value', () => {
  it('ReplicaRange', () => {
    expect(ReplicaRange.of(3, 10).toString()).toBe('3–10');
    expect(() => ReplicaRange.of(0, 4)).toThrow(/min 0 .* at least 1/);
    expect(() => ReplicaRange.of(5, 3)).toThrow(/max 3 is below min 5/);
  });

  it('ImageRef', () => {
    expect(
      ImageRef.of('1.dkr.ecr.ap-northeast-2.amazonaws.com', 'urr/gateway-service', 'abc-1').toString(),
    ).toBe('1.dkr.ecr.ap-northeast-2.amazonaws.com/urr/gateway-service:abc-1');
    expect(() => ImageRef.of('ecr.test', 'urr/gateway-service', 'latest')).toThrow(/"latest" is not allowed/);
    expect(() => ImageRef.of('ecr.test', 'URR/Gateway', 'v1')).toThrow(/repository "URR\/Gateway"/);
  });

  it('ResourceBudget', () => {
    expect(() =>
      ResourceBudget.of({ cpuRequest: '500m', memoryRequest: '1Gi', cpuLimit: '1', memoryLimit: '512Mi' }),
    ).toThrow(/memoryLimit 512Mi is below memoryRequest 1Gi/);
    expect(() =>
      ResourceBudget.of({ cpuRequest: 'lots', memoryRequest: '1Gi', cpuLimit: '1', memoryLimit: '2Gi' }),
    ).toThrow(/cpu "lots"/);
    const budget = ResourceBudget.of({
      cpuRequest: '500m',
      memoryRequest: '256Mi',
      cpuLimit: '2',
      memoryLimit: '512Mi',
    });
    expect(budget.withCpuRequestScaled(0.1).toKubernetes()).toEqual({
      requests: { cpu: '50m', memory: '256Mi' },
      limits: { cpu: '2', memory: '512Mi' },
    });
    expect(() => budget.withCpuRequestScaled(0)).toThrow(/scale 0 must be in \(0, 1\]/);
    expect(() => budget.withCpuRequestScaled(1.5)).toThrow(/scale 1.5/);
  });

  it('settings of the render for the local node: an AWS emulator and a CPU request scale', () => {
    const local = settingsFromEnv({
      URR_AWS_ENDPOINT_URL: 'http://aws.urr-outside.svc.cluster.local:4566',
      URR_CPU_REQUEST_SCALE: '0.1',
    });
    expect(local).toMatchObject({
      awsEndpointUrl: 'http://aws.urr-outside.svc.cluster.local:4566',
      cpuRequestScale: 0.1,
    });
    expect(settingsFromEnv({}).awsEndpointUrl).toBeUndefined();
    expect(() => settingsFromEnv({ URR_CPU_REQUEST_SCALE: '2' })).toThrow(/URR_CPU_REQUEST_SCALE/);
    expect(() => settingsFromEnv({ URR_AWS_ENDPOINT_URL: 'not a url' })).toThrow(/URR_AWS_ENDPOINT_URL/);
  });

  it('EnvVar refuses a credential as a literal', () => {
    expect(() => EnvVar.value('INTERNAL_API_TOKEN', 'x'.repeat(40))).toThrow(
      /INTERNAL_API_TOKEN carries a credential/,
    );
    expect(() => EnvVar.value('DATABASE_URL', 'postgres://u:p@h/db')).toThrow(
      /DATABASE_URL carries a credential/,
    );
    expect(EnvVar.fromSecret('REDIS_URL', SecretKey.of('urr-redis', 'REDIS_URL')).toKubernetes()).toEqual({
      name: 'REDIS_URL',
      valueFrom: { secretKeyRef: { name: 'urr-redis', key: 'REDIS_URL' } },
    });
    expect(() => SecretKey.of('Bad_Name', 'k')).toThrow(/"Bad_Name"/);
  });

  it('EdgeIngress attaches the ALB web ACL that refuses requests without the origin secret', () => {
    const ingress = (webAclArn: string) => {
      const chart = Testing.chart();
      const web = { service: 'frontend', port: 3000 };
      new EdgeIngress(chart, 'edge', { namespace: 'urr', api: web, web, webAclArn });
      return Testing.synth(chart)[0];
    };
    const arn =
      'arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/urr-alb-origin/0123abcd-4567-89ef-0123-456789abcdef';
    expect(ingress(arn).metadata.annotations['alb.ingress.kubernetes.io/wafv2-acl-arn']).toBe(arn);
    expect(() => ingress('arn:aws:wafv2:us-east-1:123456789012:global/webacl/urr-edge/x')).toThrow(
      /webAclArn .* is not a regional WAFv2 web ACL ARN/,
    );
  });

  it('ExternalEndpoint', () => {
    expect(() => ExternalEndpoint.of('redis', ['10.0.300.0/24'], [6379])).toThrow(/"10.0.300.0\/24"/);
    expect(() => ExternalEndpoint.of('redis', ['10.0.30.0/24'], [70_000])).toThrow(/port 70000/);
  });

  it('a call to a workload that does not exist', () => {
    const workloads = workloadCatalog({
      namespace: 'urr',
      kafkaBrokers: ['k:9094'],
      awsRegion: 'ap-northeast-2',
      pspUrl: 'https://psp.example.com',
      zipkinUrl: 'http://zipkin:9411/api/v2/spans',
      ticketEventsQueue: 'ticket-events.fifo',
    }).filter((workload) => workload.id !== 'payment');
    const endpoint = ExternalEndpoint.of('any', ['0.0.0.0/0'], [443]);
    expect(
      () =>
        new NetworkPolicies(Testing.chart(), 'policies', {
          namespace: 'urr',
          workloads,
          external: {
            postgres: endpoint,
            redis: endpoint,
            kafka: endpoint,
            'aws-apis': endpoint,
            'internet-https': endpoint,
          },
          loadBalancerCidrs: ['10.0.0.0/24'],
        }),
    ).toThrow(/gateway-service calls "payment", which is not a workload here/);
  });
});
