import { configSchema as auth } from '@urr/auth/config';
import { configSchema as catalog } from '@urr/catalog/config';
import { configSchema as community } from '@urr/community/config';
import { configSchema as gateway } from '@urr/gateway/config';
import { operatorConfigSchema as operator } from '@urr/operator/config';
import { configSchema as payment } from '@urr/payment/config';
import { configSchema as queue } from '@urr/queue/config';
import { configSchema as stats } from '@urr/stats/config';
import { configSchema as ticket } from '@urr/ticket-service/config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ConfigContract, configFindings, requiredVariables } from './config-contract.js';
import { type ManifestObject, synthAll, testSettings } from './test-support.js';

/** Every process the render runs, with the schema it parses (the frontend reads only GATEWAY_URL and PORT). */
const contract: ConfigContract = {
  schemas: {
    'auth-service': auth,
    'catalog-service': catalog,
    'community-service': community,
    'gateway-service': gateway,
    'payment-service': payment,
    'queue-service': queue,
    'stats-service': stats,
    'ticket-service': ticket,
    'ticketevent-operator': operator,
  },
  outsideHosts: {
    [new URL(testSettings.pspUrl).hostname]: 'the payment provider, on the internet',
    'zipkin.monitoring.svc.cluster.local': "the monitoring stack's Zipkin, synced by its own Application",
  },
};

const render = () => Object.values(synthAll()).flat();

/** The render with one change to one workload's container environment. */
function withEnv(
  objects: ManifestObject[],
  workload: string,
  change: (env: { name: string; value?: string }[]) => { name: string; value?: string }[],
): ManifestObject[] {
  return objects.map((object) => {
    if (object.metadata.name !== workload || !['Deployment', 'Rollout'].includes(object.kind)) return object;
    const copy = structuredClone(object);
    const container = copy.spec.template.spec.containers[0];
    container.env = change(container.env);
    return copy;
  });
}

describe('the config the render gives each process, against its config schema', () => {
  it('every required variable of every service and the operator is set, and every URL names a Service it has', () => {
    expect(configFindings(render(), contract)).toEqual([]);
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
      expect.arrayContaining(['DATABASE_URL', 'INTERNAL_API_TOKEN', 'PAYMENT_URL']),
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

  it('fails when a URL names a Service the render does not have, or a port it does not expose', () => {
    const objects = withEnv(render(), 'gateway-service', (env) =>
      env.map((e) =>
        e.name === 'AUTH_URL'
          ? { name: e.name, value: 'http://auth:3005' }
          : e.name === 'TICKET_URL'
            ? { name: e.name, value: 'http://ticket-service:3999' }
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

  it('fails on an outside host nobody declared', () => {
    const objects = withEnv(render(), 'payment-service', (env) =>
      env.map((e) => (e.name === 'PSP_URL' ? { name: e.name, value: 'https://psp.attacker.example' } : e)),
    );
    expect(configFindings(objects, contract)).toEqual([
      {
        workload: 'payment-service',
        variable: 'PSP_URL',
        problem: 'psp.attacker.example is neither a Service of the render nor a declared outside host',
      },
    ]);
  });
});
