import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperatorTestEnv } from './test-support.js';
import { ticketEventApi } from './ticket-event.js';

const env = new OperatorTestEnv();
const { group, version, plural, apiVersion, kind } = ticketEventApi;
const run = promisify(execFile);

beforeAll(() => env.setUp());
afterAll(() => env.tearDown());

const validSpec = () => ({
  eventId: 'cel-check',
  sale: { opensAt: '2026-12-10T11:00:00Z', closesAt: '2026-12-20T11:00:00Z' },
});

/** Creates the TicketEvent with dryRun=All and returns the apiserver's refusal message ('' if accepted). */
async function refusal(spec: unknown, name = 'cel-check'): Promise<string> {
  try {
    await env.customObjects.createNamespacedCustomObject({
      group,
      version,
      namespace: env.namespace,
      plural,
      body: { apiVersion, kind, metadata: { name }, spec },
      dryRun: 'All',
    });
    return '';
  } catch (error) {
    const body = (error as { body?: string }).body ?? '';
    expect((error as { code?: number }).code).toBe(422);
    return (JSON.parse(body) as { message: string }).message;
  }
}

describe('the apiserver validates TicketEvents with the CRD schema and CEL rules', () => {
  it('accepts a valid TicketEvent and fills in the defaults', async () => {
    expect(await refusal(validSpec())).toBe('');
    const created = await env.createTicketEvent('defaults', { ...validSpec(), eventId: 'defaults-check' });
    expect(created.spec).toMatchObject({
      paused: false,
      waitingRoom: { admitStep: 500, minAdmitStep: 100, maxAdmitStep: 2000, cycleSeconds: 10 },
      queue: { maxActiveUsers: 1000, threshold: 0 },
      seatLockTtlSeconds: 420,
      scaling: { prescaleMinutes: 30, gateway: { minReplicas: 3, maxReplicas: 10 } },
      slo: { reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 0.01 },
    });
  });

  it.each([
    [
      'closing before opening',
      { sale: { opensAt: '2026-12-10T11:00:00Z', closesAt: '2026-12-10T10:00:00Z' } },
      'sale.closesAt must be after sale.opensAt',
    ],
    [
      'a presale after the opening',
      { sale: { ...validSpec().sale, presale: { opensAt: '2026-12-11T11:00:00Z' } } },
      'sale.presale.opensAt must be before sale.opensAt',
    ],
    [
      'more min than max replicas',
      { scaling: { gateway: { minReplicas: 10, maxReplicas: 3 } } },
      'minReplicas must not exceed maxReplicas',
    ],
    [
      'an admit step outside its bounds',
      { waitingRoom: { admitStep: 5000, minAdmitStep: 100, maxAdmitStep: 1000, cycleSeconds: 10 } },
      'waitingRoom.admitStep must lie between minAdmitStep and maxAdmitStep',
    ],
    [
      'min admit step above max',
      { waitingRoom: { admitStep: 500, minAdmitStep: 900, maxAdmitStep: 800, cycleSeconds: 10 } },
      'waitingRoom.minAdmitStep must not exceed maxAdmitStep',
    ],
    [
      'a zero admit step',
      { waitingRoom: { admitStep: 0, minAdmitStep: 0, maxAdmitStep: 10, cycleSeconds: 10 } },
      'should be greater than or equal to 1',
    ],
    [
      'a threshold above the active slots',
      { queue: { maxActiveUsers: 10, threshold: 50 } },
      'queue.threshold must not exceed queue.maxActiveUsers',
    ],
    [
      'an error ratio above 1',
      { slo: { reserveP99Ms: 300, confirmP99Ms: 1000, maxErrorRatio: 1.5 } },
      'spec.slo.maxErrorRatio',
    ],
    [
      'a latency objective under 10 ms',
      { slo: { reserveP99Ms: 0, confirmP99Ms: 1000, maxErrorRatio: 0.01 } },
      'spec.slo.reserveP99Ms',
    ],
    ['an event id that cannot name Redis keys', { eventId: 'no spaces please' }, 'spec.eventId'],
  ])('refuses %s with a clear message', async (_case, change, message) => {
    expect(await refusal({ ...validSpec(), ...change })).toContain(message);
  });

  it('refuses a change of eventId on an existing TicketEvent', async () => {
    await env.createTicketEvent('immutable', { ...validSpec(), eventId: 'immutable-check' });
    await expect(
      env.patchSpec('immutable', [{ op: 'replace', path: '/spec/eventId', value: 'another-event' }]),
    ).rejects.toMatchObject({ code: 422, body: expect.stringContaining('eventId is immutable') });
  });

  it('accepts every example in operator/examples', async () => {
    const examplesDir = join(import.meta.dirname, '..', 'examples');
    for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.yaml'))) {
      const doc = yaml.load(readFileSync(join(examplesDir, file), 'utf8')) as {
        metadata: { name: string };
        spec: unknown;
      };
      expect(await refusal(doc.spec, doc.metadata.name), file).toBe('');
    }
  });

  it('teaches the fields through kubectl explain and shows the printer columns in kubectl get', async () => {
    const kubectl = (...args: string[]) => run('kubectl', args, { env: process.env });
    const explained = await kubectl('explain', 'ticketevents.spec.waitingRoom.admitStep');
    expect(explained.stdout).toContain('Tier-1 positions admitted per cycle');
    const table = await kubectl('get', 'ticketevents', '-n', env.namespace);
    expect(table.stdout.split('\n')[0]?.split(/\s+/)).toEqual([
      'NAME',
      'PHASE',
      'OPENS',
      'WAITING',
      'ADMITTED',
      'SOLD',
      'AGE',
    ]);
  });
});
