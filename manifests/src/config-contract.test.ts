import { configSchema as auth } from '@urr/auth/config';
import { configSchema as catalog } from '@urr/catalog/config';
import { kafkaConnectionEnv, kafkaConnectionOf } from '@urr/common';
import { configSchema as community } from '@urr/community/config';
import { configSchema as gateway } from '@urr/gateway/config';
import { kafkaClients } from '@urr/infra/compute/kafka-access';
import { dataPorts } from '@urr/infra/network/subnet-plan';
import { operatorConfigSchema as operator } from '@urr/operator/config';
import { configSchema as payment } from '@urr/payment/config';
import { configSchema as queue } from '@urr/queue/config';
import { configSchema as stats } from '@urr/stats/config';
import { configSchema as ticket } from '@urr/ticket-service/config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ConfigContract,
  type ConfigRule,
  configFindings,
  requiredVariables,
} from './config-contract.js';
import { settingsFromEnv } from './settings.js';
import { type ManifestObject, ofKind, synthAll, testSettings } from './test-support.js';

const kafkaSettings = z.object(kafkaConnectionEnv);

/** The Kafka clients' own rules between their settings (TLS, SASL, region), as they check them at start. */
const kafkaClientRules: ConfigRule = {
  reads: 'KAFKA_BROKERS',
  check: (env) => {
    try {
      kafkaConnectionOf(kafkaSettings.parse(env), env);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
};

/** MSK serves only its IAM listener: TLS with SASL OAUTHBEARER (infra's data stack). */
const mskIamOnly: ConfigRule = {
  reads: 'KAFKA_BROKERS',
  check: (env) => {
    const elsewhere = (env.KAFKA_BROKERS ?? '')
      .split(',')
      .filter((b) => !b.endsWith(`:${dataPorts.kafkaIam}`));
    if (elsewhere.length > 0)
      return `MSK serves only its IAM listener (${dataPorts.kafkaIam}), not ${elsewhere.join(', ')}`;
    if (env.KAFKA_SSL !== 'true' || env.KAFKA_SASL_MECHANISM !== 'aws-msk-iam')
      return 'MSK takes only TLS with IAM: KAFKA_SSL=true and KAFKA_SASL_MECHANISM=aws-msk-iam';
    return undefined;
  },
};

const schemas = {
  'auth-service': auth,
  'catalog-service': catalog,
  'community-service': community,
  'gateway-service': gateway,
  'payment-service': payment,
  'queue-service': queue,
  'stats-service': stats,
  'ticket-service': ticket,
  'ticketevent-operator': operator,
};

/** The render for AWS: every process it runs, with the schema it parses. */
const contract: ConfigContract = {
  schemas,
  namespaces: ['urr', 'urr-system'],
  withoutSchema: { frontend: 'Next.js; its server reads only GATEWAY_URL, PORT and HOSTNAME' },
  readOutsideSchemas: { NODE_ENV: 'Node and its libraries', NODE_OPTIONS: 'node itself (the heap sizes)' },
  outsideHosts: {
    [new URL(testSettings.pspUrl).hostname]: 'the payment provider, on the internet',
    'zipkin.monitoring.svc.cluster.local': "the monitoring stack's Zipkin, synced by its own Application",
  },
  rules: [kafkaClientRules, mskIamOnly],
};

const render = (settings = testSettings) => Object.values(synthAll(settings)).flat();

type Env = { name: string; value?: string; valueFrom?: unknown }[];

/** The render with one change to one workload's container environment. */
function withEnv(objects: ManifestObject[], workload: string, change: (env: Env) => Env): ManifestObject[] {
  return objects.map((object) => {
    if (object.metadata.name !== workload || !['Deployment', 'Rollout'].includes(object.kind)) return object;
    const copy = structuredClone(object);
    const container = copy.spec.template.spec.containers[0];
    container.env = change(container.env);
    return copy;
  });
}

const replaced = (name: string, entry: Env[number]) => (env: Env) =>
  env.map((e) => (e.name === name ? entry : e));

describe('the config the render gives each process, against its config schema', () => {
  it('every required variable of every service and the operator is set, and every URL names a Service it has', () => {
    expect(configFindings(render(), contract)).toEqual([]);
  });

  it('the render for the local node (plaintext Kafka, an AWS emulator, stand-ins outside) holds as well', () => {
    const node = settingsFromEnv({
      URR_KAFKA_BROKERS: 'kafka.urr-outside.svc.cluster.local:9092',
      URR_KAFKA_SECURITY: 'plaintext',
      URR_AWS_ENDPOINT_URL: 'http://aws.urr-outside.svc.cluster.local:4566',
      URR_PSP_URL: 'http://test-psp.urr-outside.svc.cluster.local:3099',
    });
    const nodeContract: ConfigContract = {
      ...contract,
      readOutsideSchemas: {
        ...contract.readOutsideSchemas,
        AWS_ACCESS_KEY_ID: "the AWS SDK's credential chain (the emulator's key)",
        AWS_SECRET_ACCESS_KEY: "the AWS SDK's credential chain (the emulator's key)",
      },
      outsideHosts: {
        ...contract.outsideHosts,
        'aws.urr-outside.svc.cluster.local': 'the DynamoDB/SQS emulator, a stand-in the node deploy applies',
        'test-psp.urr-outside.svc.cluster.local': 'the test PSP, a stand-in the node deploy applies',
      },
      rules: [kafkaClientRules],
    };
    const objects = render(node);
    expect(configFindings(objects, nodeContract)).toEqual([]);
    // The same render would not meet MSK.
    expect(configFindings(objects, { ...nodeContract, rules: contract.rules })).toEqual(
      ['catalog-service', 'payment-service', 'queue-service', 'stats-service', 'ticket-service'].map(
        (workload) => ({
          workload,
          variable: 'KAFKA_BROKERS',
          problem: 'MSK serves only its IAM listener (9098), not kafka.urr-outside.svc.cluster.local:9092',
        }),
      ),
    );
  });

  it('reads "required" from the schema: no default and not optional, or a default on loopback', () => {
    const schema = z.object({
      NEEDED: z.string(),
      CALLS_LOOPBACK: z.url().default('http://127.0.0.1:3003'),
      DEFAULTED: z.string().default('x'),
      OPTIONAL: z.url().optional(),
      PORT: z.coerce.number().default(3000),
    });
    expect(requiredVariables(schema)).toEqual(['NEEDED', 'CALLS_LOOPBACK']);
    expect(requiredVariables(ticket)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'INTERNAL_API_TOKEN', 'PAYMENT_URL', 'HOST', 'KAFKA_BROKERS']),
    );
  });

  it('fails when a required variable is removed from one manifest', () => {
    const objects = withEnv(render(), 'ticket-service', (env) =>
      env.filter((e) => e.name !== 'DATABASE_URL'),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'ticket-service',
        variable: 'DATABASE_URL',
        problem: 'required by its config schema, not set by its pod',
      },
    ]);
  });

  it('fails when a variable whose default is on loopback is left to its default (ticket-service without PAYMENT_URL)', () => {
    const objects = withEnv(render(), 'ticket-service', (env) => env.filter((e) => e.name !== 'PAYMENT_URL'));
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'ticket-service',
        variable: 'PAYMENT_URL',
        problem: 'required by its config schema, not set by its pod',
      },
    ]);
  });

  it('fails when a required variable comes from an optional Secret key, or a ConfigMap the render lacks', () => {
    const objects = withEnv(
      withEnv(
        render(),
        'auth-service',
        replaced('DATABASE_URL', {
          name: 'DATABASE_URL',
          valueFrom: { secretKeyRef: { name: 'auth-service-database', key: 'DATABASE_URL', optional: true } },
        }),
      ),
      'community-service',
      replaced('TICKET_URL', {
        name: 'TICKET_URL',
        valueFrom: { configMapKeyRef: { name: 'community-urls', key: 'TICKET_URL' } },
      }),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'auth-service',
        variable: 'DATABASE_URL',
        problem: 'required by its config schema, but from an optional key: the pod starts without it',
      },
      {
        workload: 'community-service',
        variable: 'TICKET_URL',
        problem: 'names key TICKET_URL of ConfigMap community-urls, which the render does not have',
      },
    ]);
  });

  it('fails when a URL names a Service the render does not have, or a port it does not expose', () => {
    const objects = withEnv(render(), 'gateway-service', (env) =>
      env.map((e) =>
        e.name === 'AUTH_URL'
          ? { name: e.name, value: 'http://auth:3005' }
          : e.name === 'TICKET_URL'
            ? { name: e.name, value: 'http://ticket-service.urr.svc:3999' }
            : e,
      ),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'gateway-service',
        variable: 'AUTH_URL',
        problem: 'names Service auth in namespace urr, which the render does not have',
      },
      {
        workload: 'gateway-service',
        variable: 'TICKET_URL',
        problem: 'Service ticket-service.urr has no port 3999 (it has 3002)',
      },
    ]);
  });

  it('reads URLs from ConfigMaps too', () => {
    const urls: ManifestObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'community-urls', namespace: 'urr' },
      data: { TICKET_URL: 'http://tickets:3002' },
    };
    const objects = withEnv(
      [...render(), urls],
      'community-service',
      replaced('TICKET_URL', {
        name: 'TICKET_URL',
        valueFrom: { configMapKeyRef: { name: 'community-urls', key: 'TICKET_URL' } },
      }),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'community-service',
        variable: 'TICKET_URL',
        problem: 'names Service tickets in namespace urr, which the render does not have',
      },
    ]);
  });

  it('fails on an outside host nobody declared', () => {
    const objects = withEnv(
      render(),
      'payment-service',
      replaced('PSP_URL', { name: 'PSP_URL', value: 'https://psp.attacker.example' }),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'payment-service',
        variable: 'PSP_URL',
        problem: 'psp.attacker.example is neither a Service of the render nor a declared outside host',
      },
    ]);
  });

  it('fails on a value its schema does not parse, and on a variable no schema reads', () => {
    const objects = withEnv(render(), 'stats-service', (env) => [
      ...env.map((e) => (e.name === 'LOG_LEVEL' ? { name: e.name, value: 'verbose' } : e)),
      { name: 'DATABASE_REPLICA_URI', value: 'postgres://replica:5432/stats_db' },
    ]);
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'stats-service',
        variable: 'LOG_LEVEL',
        problem: expect.stringMatching(/^"verbose" does not parse: set it to one of fatal, error/),
      },
      {
        workload: 'stats-service',
        variable: 'DATABASE_REPLICA_URI',
        problem: 'set by its pod but read by no schema (misspelt, or for a process that is not there)',
      },
    ]);
  });

  it('fails when a Kafka client would not meet MSK: plaintext, or IAM without a region', () => {
    const plaintext = withEnv(render(), 'payment-service', (env) =>
      env.filter((e) => !['KAFKA_SSL', 'KAFKA_SASL_MECHANISM'].includes(e.name)),
    );
    expect(configFindings(plaintext, contract)).toEqual([
      {
        workload: 'payment-service',
        variable: 'KAFKA_BROKERS',
        problem: 'MSK takes only TLS with IAM: KAFKA_SSL=true and KAFKA_SASL_MECHANISM=aws-msk-iam',
      },
    ]);
    const noRegion = withEnv(render(), 'stats-service', (env) =>
      env.filter((e) => e.name !== 'KAFKA_AWS_REGION'),
    );
    expect(configFindings(noRegion, contract)).toEqual([
      {
        workload: 'stats-service',
        variable: 'KAFKA_BROKERS',
        problem: expect.stringContaining('set it (or AWS_REGION) to the MSK cluster’s region'),
      },
    ]);
  });

  it('fails on a workload of the contract namespaces with no schema, and on a schema with no workload', () => {
    const objects = render().map((object) =>
      object.kind === 'Rollout' && object.metadata.name === 'queue-service'
        ? { ...object, metadata: { ...object.metadata, name: 'queue-service-v2' } }
        : object,
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'queue-service-v2',
        variable: '',
        problem: 'the contract has no config schema for it (add it, or say in withoutSchema why it has none)',
      },
      {
        workload: 'queue-service',
        variable: '',
        problem: 'the render has no Deployment or Rollout of that name',
      },
    ]);
  });

  it("gives each Kafka client of the infra the IRSA role MSK authenticates, from the stacks' outputs", () => {
    const roleOf = (service: string) => `arn:aws:iam::123456789012:role/UrrCompute-${service}`;
    const settings = settingsFromEnv({
      URR_QUEUE_ROLE_ARN: roleOf('queue-service'),
      URR_TICKET_ROLE_ARN: roleOf('ticket-service'),
      URR_PAYMENT_ROLE_ARN: roleOf('payment-service'),
      URR_STATS_ROLE_ARN: roleOf('stats-service'),
      URR_CATALOG_ROLE_ARN: roleOf('catalog-service'),
    });
    const services = synthAll(settings).services;
    const iamClients = [...ofKind(services, 'Deployment'), ...ofKind(services, 'Rollout')]
      .filter((workload) =>
        workload.spec.template.spec.containers[0].env.some(
          (e: { name: string; value?: string }) =>
            e.name === 'KAFKA_SASL_MECHANISM' && e.value === 'aws-msk-iam',
        ),
      )
      .map((workload) => workload.metadata.name)
      .sort();
    expect(iamClients).toEqual([...kafkaClients].sort());
    for (const client of kafkaClients)
      expect(
        services.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === client)?.metadata.annotations,
      ).toEqual({ 'eks.amazonaws.com/role-arn': roleOf(client) });
  });
});
