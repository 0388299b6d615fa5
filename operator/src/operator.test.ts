import { AutoscalingV2Api } from '@kubernetes/client-node';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperatorServer } from './http-server.js';
import type { Operator } from './operator.js';
import { SettableSalesFigures } from './sales-figures.js';
import { eventually, OperatorTestEnv, uniqueSuffix } from './test-support.js';
import { cleanupFinalizer } from './ticket-event.js';

const env = new OperatorTestEnv();
const sales = new SettableSalesFigures();
const hour = 3_600_000;
let operator: Operator;

beforeAll(async () => {
  await env.setUp();
  operator = env.startOperator({ sales });
});
afterAll(() => env.tearDown());

async function hpaBounds(service: 'gateway' | 'queue' | 'ticket') {
  const hpa = await env.kubeConfig
    .makeApiClient(AutoscalingV2Api)
    .readNamespacedHorizontalPodAutoscaler({ name: `${service}-service`, namespace: env.namespace });
  return {
    min: hpa.spec?.minReplicas,
    max: hpa.spec?.maxReplicas,
    target: hpa.spec?.scaleTargetRef.name,
    managers: hpa.metadata?.managedFields?.map((field) => field.manager),
  };
}

describe('TicketEvent operator on the real apiserver, Redis and DynamoDB', () => {
  it('applies a TicketEvent into keys, counters and HPAs, follows spec edits, and cleans up on delete', async () => {
    const eventId = `lifecycle-${uniqueSuffix()}`;
    const now = Date.now();
    sales.set(eventId, { seatsTotal: 2000, seatsSold: 120, seatsHeld: 30 });
    const created = await env.createTicketEvent('lifecycle', {
      eventId,
      sale: {
        opensAt: new Date(now - hour).toISOString(),
        closesAt: new Date(now + 24 * hour).toISOString(),
      },
      waitingRoom: { admitStep: 400, minAdmitStep: 100, maxAdmitStep: 1000, cycleSeconds: 10 },
      queue: { maxActiveUsers: 500, threshold: 20 },
      scaling: { gateway: { minReplicas: 6, maxReplicas: 20 }, queue: { minReplicas: 5, maxReplicas: 12 } },
    });
    const started = Date.now();

    const ready = await eventually(async () => {
      const event = await env.getTicketEvent('lifecycle');
      expect(event.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      return event;
    });
    console.log(`[operator] apply → Ready in ${Date.now() - started} ms`);
    expect(ready.status?.observedGeneration).toBe(created.metadata.generation);
    expect(ready.status?.phase).toBe('OnSale');
    expect(ready.status?.figures).toMatchObject({
      waiting: 0,
      seatsTotal: 2000,
      seatsSold: 120,
      seatsLeft: 1850,
    });
    expect(ready.metadata.finalizers).toContain(cleanupFinalizer);

    expect(await env.redis.get(tier2Keys.maxUsers(eventId))).toBe('500');
    expect(await env.redis.get(tier2Keys.threshold(eventId))).toBe('20');
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('open');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(1);

    const item = await env.countersItem(eventId);
    expect(item?.active?.BOOL).toBe(true);
    expect(item?.soldOut?.BOOL).toBe(false);
    expect(item?.paused?.BOOL).toBe(false);
    expect(item?.cycleSeconds?.N).toBe('10');
    expect(item?.opensAt?.S).toBe(new Date(now - hour).toISOString());
    expect(Number(item?.admitStep?.N)).toBeGreaterThanOrEqual(100);
    expect(Number(item?.admitStep?.N)).toBeLessThanOrEqual(1000);

    expect(await hpaBounds('gateway')).toMatchObject({ min: 6, max: 20, target: 'gateway-service' });
    expect(await hpaBounds('queue')).toMatchObject({ min: 5, max: 12, target: 'queue-service' });
    expect(await hpaBounds('ticket')).toMatchObject({ min: 3, max: 10, target: 'ticket-service' });
    expect((await hpaBounds('gateway')).managers).toContain('urr-operator');
    const opened = await env.waitForEvent('lifecycle', 'SaleOpened');
    expect(opened.note).toContain('New → OnSale');

    await env.patchSpec('lifecycle', [
      { op: 'replace', path: '/spec/queue/maxActiveUsers', value: 800 },
      { op: 'replace', path: '/spec/waitingRoom/cycleSeconds', value: 5 },
      { op: 'replace', path: '/spec/scaling/gateway/maxReplicas', value: 40 },
      { op: 'replace', path: '/spec/paused', value: true },
    ]);
    const edited = await eventually(async () => {
      const event = await env.getTicketEvent('lifecycle');
      expect(event.metadata.generation).toBeGreaterThan(created.metadata.generation!);
      expect(event.status?.observedGeneration).toBe(event.metadata.generation);
      return event;
    });
    expect(edited.status?.phase).toBe('Paused');
    expect(await env.redis.get(tier2Keys.maxUsers(eventId))).toBe('800');
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('paused');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
    const pausedItem = await env.countersItem(eventId);
    expect(pausedItem?.cycleSeconds?.N).toBe('5');
    expect(pausedItem?.paused?.BOOL).toBe(true);
    expect(pausedItem?.active?.BOOL).toBe(true);
    expect(await hpaBounds('gateway')).toMatchObject({ min: 6, max: 40 });
    await env.waitForEvent('lifecycle', 'SalePaused');

    await env.redis.zadd(tier2Keys.queue(eventId), 1, 'user-1');
    await env.deleteTicketEvent('lifecycle');
    await eventually(() => expect(env.getTicketEvent('lifecycle')).rejects.toMatchObject({ code: 404 }));
    for (const key of [tier2Keys.queue, tier2Keys.maxUsers, tier2Keys.threshold, tier2Keys.status]) {
      expect(await env.redis.exists(key(eventId))).toBe(0);
    }
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
    expect((await env.countersItem(eventId))?.active?.BOOL).toBe(false);
    expect(await hpaBounds('gateway')).toMatchObject({ min: 3, max: 10 });
  });

  it('lets only the oldest of two TicketEvents for one event act, so deleting the copy leaves the sale alone', async () => {
    const eventId = `duplicate-${uniqueSuffix()}`;
    const sale = {
      opensAt: new Date(Date.now() - hour).toISOString(),
      closesAt: new Date(Date.now() + hour).toISOString(),
    };
    await env.createTicketEvent('original', { eventId, sale, queue: { maxActiveUsers: 700, threshold: 0 } });
    await eventually(async () => expect(await env.redis.get(tier2Keys.maxUsers(eventId))).toBe('700'));
    await env.createTicketEvent('copy', { eventId, sale, queue: { maxActiveUsers: 5, threshold: 0 } });
    await eventually(async () => {
      const copy = await env.getTicketEvent('copy');
      expect(copy.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'False',
        reason: 'DuplicateEventId',
      });
    });
    expect(await env.redis.get(tier2Keys.maxUsers(eventId))).toBe('700');

    await env.deleteTicketEvent('copy');
    await eventually(() => expect(env.getTicketEvent('copy')).rejects.toMatchObject({ code: 404 }));
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('open');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(1);
    await env.deleteTicketEvent('original');
    await eventually(async () => expect(await env.redis.exists(tier2Keys.status(eventId))).toBe(0));
  });

  it('serves /healthz and /metrics with its reconcile counts', async () => {
    const server = createOperatorServer({
      registry: operator.metrics.registry,
      isLeader: () => operator.isLeader,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', leader: true });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/urr_operator_reconciles_total\{result="success"\} [1-9]/);
      expect(metrics).toContain('urr_operator_leader 1');
      const missing = await fetch(`http://127.0.0.1:${port}/nope`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
    } finally {
      server.close();
    }
  });
});
