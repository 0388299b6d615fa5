import type { AddressInfo } from 'node:net';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperatorServer } from './http-server.js';
import type { Operator } from './operator.js';
import { SettableSalesFigures } from './sales-figures.js';
import { eventually, OperatorTestEnv, uniqueSuffix } from './test-support.js';

const env = new OperatorTestEnv();
const sales = new SettableSalesFigures();
const hour = 3_600_000;
const saleGauges = [
  'urr_ticketevent_waiting_users',
  'urr_ticketevent_active_users',
  'urr_ticketevent_max_active_users',
  'urr_ticketevent_seats_left',
  'urr_ticketevent_tier1_serving_counter',
  'urr_ticketevent_tier1_next_position',
];
let operator: Operator;
let metricsUrl: string;
let close: () => void;

beforeAll(async () => {
  await env.setUp();
  operator = env.startOperator({ sales });
  const server = createOperatorServer({ registry: operator.metrics.registry, isLeader: () => true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  close = () => server.close();
});
afterAll(async () => {
  close?.();
  await env.tearDown();
});

/** The samples of the sale gauges for one TicketEvent of this file's namespace, as /metrics serves them. */
async function saleSamples(name: string): Promise<Record<string, { eventId: string; value: number }>> {
  const text = await (await fetch(metricsUrl)).text();
  const samples: Record<string, { eventId: string; value: number }> = {};
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || !saleGauges.includes(match[1]!)) continue;
    const labels = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (labels.namespace !== env.namespace || labels.name !== name) continue;
    samples[match[1]!] = { eventId: labels.event_id ?? '', value: Number(match[3]) };
  }
  return samples;
}

const spec = (eventId: string) => ({
  eventId,
  sale: {
    opensAt: new Date(Date.now() - hour).toISOString(),
    closesAt: new Date(Date.now() + hour).toISOString(),
  },
  queue: { maxActiveUsers: 250, threshold: 0 },
});

describe("the operator's per-sale gauges on its /metrics", () => {
  it('exports Tier-2 waiting, active and maxUsers, seats left and the Tier-1 counters, and drops them on delete', async () => {
    const eventId = `gauges-${uniqueSuffix()}`;
    sales.set(eventId, { seatsTotal: 1000, seatsSold: 600, seatsHeld: 150 });
    await env.redis.zadd(tier2Keys.queue(eventId), 1, 'fan-1', 2, 'fan-2', 3, 'fan-3');
    await env.redis.zadd(tier2Keys.active(eventId), 1, 'fan-a', 2, 'fan-b');
    await env.dynamo.send(
      new PutItemCommand({
        TableName: env.countersTable,
        Item: { eventId: { S: eventId }, servingCounter: { N: '4200' }, nextPosition: { N: '9001' } },
      }),
    );
    await env.createTicketEvent('gauged', spec(eventId));

    const values = await eventually(async () => {
      const samples = await saleSamples('gauged');
      expect(Object.keys(samples).sort()).toEqual([...saleGauges].sort());
      return samples;
    });
    expect(Object.values(values).every((sample) => sample.eventId === eventId)).toBe(true);
    expect(Object.fromEntries(Object.entries(values).map(([metric, { value }]) => [metric, value]))).toEqual({
      urr_ticketevent_waiting_users: 3,
      urr_ticketevent_active_users: 2,
      urr_ticketevent_max_active_users: 250,
      urr_ticketevent_seats_left: 250,
      urr_ticketevent_tier1_serving_counter: 4200,
      urr_ticketevent_tier1_next_position: 9001,
    });

    await env.deleteTicketEvent('gauged');
    await eventually(() => expect(env.getTicketEvent('gauged')).rejects.toMatchObject({ code: 404 }));
    await eventually(async () => expect(await saleSamples('gauged')).toEqual({}));
  });

  it('exports no seats-left series while ticket-service reports no seats, and the rest from the first reconcile', async () => {
    const eventId = `no-seats-${uniqueSuffix()}`;
    await env.createTicketEvent('unseated', spec(eventId));
    const samples = await eventually(async () => {
      const found = await saleSamples('unseated');
      expect(found.urr_ticketevent_max_active_users?.value).toBe(250);
      return found;
    });
    expect(samples.urr_ticketevent_seats_left).toBeUndefined();
    expect(samples.urr_ticketevent_tier1_serving_counter?.value).toBe(0);
    expect(samples.urr_ticketevent_waiting_users?.value).toBe(0);
  });

  it('a replica that stops leading drops every sale series, so only the leader reports them', async () => {
    const eventId = `handover-${uniqueSuffix()}`;
    await env.createTicketEvent('handed-over', spec(eventId));
    await eventually(async () =>
      expect((await saleSamples('handed-over')).urr_ticketevent_max_active_users?.value).toBe(250),
    );
    await operator.stop({ release: true });
    expect(await saleSamples('handed-over')).toEqual({});
    const text = await (await fetch(metricsUrl)).text();
    expect(text).not.toMatch(new RegExp(`^urr_ticketevent_phase\\{[^}]*namespace="${env.namespace}"`, 'm'));
    expect(text).toContain('urr_operator_leader 0');
  });
});
