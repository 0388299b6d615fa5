import { AutoscalingV2Api } from '@kubernetes/client-node';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { waitingListKey } from '@urr/common/queue/waiting-list-key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteppableClock } from './clock.js';
import { SettableSalesFigures } from './sales-figures.js';
import { eventually, OperatorTestEnv, uniqueSuffix } from './test-support.js';
import type { Phase } from './ticket-event.js';

const env = new OperatorTestEnv();
const minute = 60_000;
const t0 = new Date('2026-12-08T10:00:00Z');
const clock = new SteppableClock(t0);
const sales = new SettableSalesFigures();

beforeAll(async () => {
  await env.setUp();
  env.startOperator({ clock, sales });
});
afterAll(() => env.tearDown());

const at = (offsetMs: number) => new Date(t0.getTime() + offsetMs).toISOString();

async function gatewayBounds() {
  const hpa = await env.kubeConfig
    .makeApiClient(AutoscalingV2Api)
    .readNamespacedHorizontalPodAutoscaler({ name: 'gateway-service', namespace: env.namespace });
  return `${hpa.spec?.minReplicas}-${hpa.spec?.maxReplicas}`;
}

async function waitForPhase(name: string, phase: Phase) {
  return eventually(async () => {
    const event = await env.getTicketEvent(name);
    expect(event.status?.phase).toBe(phase);
    return event;
  });
}

describe('phases follow the (injected) clock, not spec changes', () => {
  it('moves Scheduled → pre-scaled → PreSale → OnSale → Closed at the boundaries', async () => {
    const eventId = `phases-${uniqueSuffix()}`;
    await env.createTicketEvent('phases', {
      eventId,
      sale: { presale: { opensAt: at(60 * minute) }, opensAt: at(120 * minute), closesAt: at(180 * minute) },
      scaling: { prescaleMinutes: 30, gateway: { minReplicas: 8, maxReplicas: 24 } },
    });

    const scheduled = await waitForPhase('phases', 'Scheduled');
    expect(scheduled.status?.nextPhaseAt).toBe(at(30 * minute));
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('closed');
    expect((await env.countersItem(eventId))?.active?.BOOL).toBe(false);
    expect(await gatewayBounds()).toBe('3-10');

    clock.advance(30 * minute);
    await eventually(async () => expect(await gatewayBounds()).toBe('8-24'));
    await eventually(async () => expect((await env.countersItem(eventId))?.active?.BOOL).toBe(true));
    await eventually(async () => {
      const event = await waitForPhase('phases', 'Scheduled');
      expect(event.status?.nextPhaseAt).toBe(at(60 * minute));
    });
    await env.waitForEvent('phases', 'Prescaled');

    clock.advance(30 * minute);
    await waitForPhase('phases', 'PreSale');
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('open');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(1);
    await env.waitForEvent('phases', 'PresaleOpened');

    clock.advance(60 * minute);
    await waitForPhase('phases', 'OnSale');
    await env.waitForEvent('phases', 'SaleOpened');
    expect(await env.redis.get(waitingListKey(eventId))).toBeNull();

    clock.advance(60 * minute);
    const closed = await waitForPhase('phases', 'Closed');
    expect(closed.status?.nextPhaseAt).toBeUndefined();
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('closed');
    expect(await env.redis.get(waitingListKey(eventId))).toBe('closed');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
    expect((await env.countersItem(eventId))?.active?.BOOL).toBe(false);
    await eventually(async () => expect(await gatewayBounds()).toBe('3-10'));
    await env.waitForEvent('phases', 'SaleClosed');
    await env.waitForEvent('phases', 'ScaledBack');

    expect(closed.metadata.generation).toBe(1);
    expect(closed.status?.observedGeneration).toBe(1);
  });
});

describe('sold out and capacity tuning', () => {
  const openNow = () => ({
    opensAt: clock.now().toISOString(),
    closesAt: new Date(clock.now().getTime() + 600 * minute).toISOString(),
  });

  it('stops admission and says SoldOut when every seat is sold, and keeps it through a ticket-service outage', async () => {
    const eventId = `soldout-${uniqueSuffix()}`;
    sales.set(eventId, { seatsTotal: 2000, seatsSold: 1990, seatsHeld: 10 });
    await env.createTicketEvent('soldout', { eventId, sale: openNow(), waitingRoom: { cycleSeconds: 1 } });
    await waitForPhase('soldout', 'OnSale');

    sales.set(eventId, { seatsTotal: 2000, seatsSold: 2000, seatsHeld: 0 });
    const soldOut = await waitForPhase('soldout', 'SoldOut');
    expect(soldOut.status?.figures).toMatchObject({ seatsSold: 2000, seatsLeft: 0 });
    const admitting = soldOut.status?.conditions?.find((c) => c.type === 'Admitting');
    expect(admitting).toMatchObject({ status: 'False', reason: 'SoldOut' });
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('soldout');
    expect(await env.redis.get(waitingListKey(eventId))).toBe('open');
    expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
    const item = await env.countersItem(eventId);
    expect(item?.soldOut?.BOOL).toBe(true);
    expect(item?.active?.BOOL).toBe(true);
    expect((await env.waitForEvent('soldout', 'SoldOut')).note).toContain('admission stopped');

    sales.failLookups(true);
    await eventually(async () => {
      const event = await env.getTicketEvent('soldout');
      expect(event.status?.conditions?.find((c) => c.type === 'SalesFiguresAvailable')?.reason).toBe(
        'TicketServiceUnreachable',
      );
      expect(event.status?.phase).toBe('SoldOut');
    });
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('soldout');

    sales.failLookups(false);
    sales.set(eventId, { seatsTotal: 2000, seatsSold: 1999, seatsHeld: 0 });
    await waitForPhase('soldout', 'OnSale');
    expect(await env.redis.get(tier2Keys.status(eventId))).toBe('open');
    // A returned seat makes the sale OnSale again; the fans in line keep their waiting list.
    expect(await env.redis.get(waitingListKey(eventId))).toBe('open');
  });

  it('lowers the admit step while the Tier-2 queue backs up and raises it as it drains, within the bounds', async () => {
    const eventId = `tuning-${uniqueSuffix()}`;
    sales.set(eventId, { seatsTotal: 50_000, seatsSold: 0, seatsHeld: 0 });
    const waiting = Array.from({ length: 60 }, (_, i) => [i, `user-${i}`]).flat();
    await env.redis.zadd(tier2Keys.queue(eventId), ...waiting);
    // Every active slot taken (fresh heartbeats), so a queue-service sweeper running in another test
    // cannot admit these users while the event is listed in the shared queue:active-events set.
    const active = Array.from({ length: 20 }, (_, i) => [Date.now(), `booking-${i}`]).flat();
    await env.redis.zadd(tier2Keys.active(eventId), ...active);
    await env.createTicketEvent('tuning', {
      eventId,
      sale: openNow(),
      waitingRoom: { admitStep: 500, minAdmitStep: 100, maxAdmitStep: 1000, cycleSeconds: 1 },
      queue: { maxActiveUsers: 20, threshold: 0 },
    });
    const tunedAdvance = () => clock.advance(1000);

    const lowered = await eventually(async () => {
      tunedAdvance();
      const event = await env.getTicketEvent('tuning');
      expect(event.status?.admitStep).toBe(100);
      return event;
    }, 30_000);
    expect(lowered.status?.figures?.waiting).toBe(60);
    expect((await env.countersItem(eventId))?.admitStep?.N).toBe('100');
    expect((await env.waitForEvent('tuning', 'AdmitStepTuned')).note).toContain('60 waiting');

    await env.redis.del(tier2Keys.queue(eventId));
    await eventually(async () => {
      tunedAdvance();
      const event = await env.getTicketEvent('tuning');
      expect(event.status?.admitStep).toBe(1000);
    }, 30_000);
    expect((await env.countersItem(eventId))?.admitStep?.N).toBe('1000');

    sales.set(eventId, { seatsTotal: 50_000, seatsSold: 49_700, seatsHeld: 100 });
    await eventually(async () => {
      tunedAdvance();
      const event = await env.getTicketEvent('tuning');
      expect(event.status?.admitStep).toBe(200);
    }, 30_000);
  });
});
