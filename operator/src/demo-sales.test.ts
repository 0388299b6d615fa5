import { tier2Keys } from '@urr/common/queue/tier2-keys';
import { demoIds, seedDemoData } from '@urr/ticket-service';
import { startTicketTestEnv, type TicketTestEnv } from '@urr/ticket-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDemoSales, readExamples } from './demo-sales.js';
import { httpSalesFigures } from './sales-figures.js';
import { eventually, OperatorTestEnv } from './test-support.js';

// The real ticket-service (in-process, its own schema) seeded with the demo data, and the operator on
// the real apiserver asking it for figures.
const env = new OperatorTestEnv();
let ticket: TicketTestEnv;

beforeAll(async () => {
  ticket = await startTicketTestEnv();
  await seedDemoData(ticket.db, { organiserId: 'demo-organiser' });
  await env.setUp();
  env.startOperator({
    sales: httpSalesFigures({ ticketUrl: ticket.url, internalApiToken: ticket.config.INTERNAL_API_TOKEN }),
  });
});
afterAll(async () => {
  await env.tearDown();
  await ticket?.close();
});

describe('the demo sales are TicketEvents', () => {
  it('the examples name exactly the demo events ticket-service is seeded with', () => {
    expect(readExamples().map((example) => example.spec.eventId)).toEqual([
      demoIds.seatedEvent,
      demoIds.presaleEvent,
      demoIds.standingEvent,
    ]);
  });

  it('applied with the seeded sale windows, each opens its sale: Ready, the event found, the seats counted', async () => {
    const applied = await applyDemoSales({
      kube: env.kube,
      namespace: env.namespace,
      ticketUrl: ticket.url,
    });
    expect(applied.map((sale) => sale.metadata.name)).toEqual([
      'symphony-night',
      'fan-meeting-presale',
      'night-trams-standing',
    ]);
    const expected = {
      'symphony-night': { phase: 'OnSale', seatsTotal: 2000 },
      'fan-meeting-presale': { phase: 'PreSale', seatsTotal: 300 },
      'night-trams-standing': { phase: 'OnSale', seatsTotal: 2500 },
    };
    for (const [name, { phase, seatsTotal }] of Object.entries(expected)) {
      const sale = await eventually(async () => {
        const current = await env.getTicketEvent(name);
        expect(current.status?.phase).toBe(phase);
        return current;
      });
      const condition = (type: string) => sale.status?.conditions?.find((c) => c.type === type);
      expect(condition('Ready')?.status).toBe('True');
      expect(condition('EventExists')?.status).toBe('True');
      expect(condition('Admitting')?.status).toBe('True');
      expect(sale.status?.figures?.seatsTotal).toBe(seatsTotal);
    }
    // Applying again changes nothing (the run command applies them at every start).
    await applyDemoSales({ kube: env.kube, namespace: env.namespace, ticketUrl: ticket.url });
    const again = await env.getTicketEvent('symphony-night');
    expect(again.metadata.generation).toBe(1);

    // Deleted while the operator runs, so it closes the demo events' queues (their keys are shared).
    for (const name of Object.keys(expected)) await env.deleteTicketEvent(name);
    await eventually(async () => {
      for (const eventId of [demoIds.seatedEvent, demoIds.presaleEvent, demoIds.standingEvent])
        expect(await env.redis.exists(tier2Keys.status(eventId))).toBe(0);
    });
  });
});
