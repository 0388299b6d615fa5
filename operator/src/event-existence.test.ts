import { randomUUID } from 'node:crypto';
import { tier2Keys } from '@urr/common/queue/tier2-keys';
import {
  createSeatedSale,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '@urr/ticket-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSalesFigures, SalesFiguresError, type SalesFiguresSource } from './sales-figures.js';
import { eventually, OperatorTestEnv } from './test-support.js';
import type { Phase, TicketEventObject } from './ticket-event.js';

// The operator on the real apiserver, asking a real ticket-service (in-process) for its figures.
const env = new OperatorTestEnv();
let ticket: TicketTestEnv;
let unreachable = false;
const hour = 3_600_000;

beforeAll(async () => {
  ticket = await startTicketTestEnv();
  await env.setUp();
  const http = httpSalesFigures({
    ticketUrl: ticket.url,
    internalApiToken: ticket.config.INTERNAL_API_TOKEN,
  });
  // ticket-service as seen through a network that the test can cut.
  const sales: SalesFiguresSource = {
    figuresOf: (eventId) =>
      unreachable
        ? Promise.reject(new SalesFiguresError('ticket-service did not answer (cut by the test)'))
        : http.figuresOf(eventId),
  };
  env.startOperator({ sales });
});
afterAll(async () => {
  await env.tearDown();
  await ticket?.close();
});

const openSale = () => {
  const now = Date.now();
  return {
    sale: { opensAt: new Date(now - hour).toISOString(), closesAt: new Date(now + 24 * hour).toISOString() },
  };
};
const condition = (event: TicketEventObject, type: string) =>
  event.status?.conditions?.find((c) => c.type === type);

async function waitForPhase(name: string, phase: Phase) {
  return eventually(async () => {
    const event = await env.getTicketEvent(name);
    expect(event.status?.phase).toBe(phase);
    return event;
  });
}

describe('a TicketEvent for an event ticket-service does not know', () => {
  it('opens no sale: phase EventNotFound, EventExists=False naming the event, both tiers shut', async () => {
    const unknownId = randomUUID();
    await env.createTicketEvent('unknown-id', { eventId: unknownId, ...openSale() });
    await env.createTicketEvent('unknown-name', { eventId: 'winter-gala-2026', ...openSale() });

    for (const [name, eventId] of [
      ['unknown-id', unknownId],
      ['unknown-name', 'winter-gala-2026'],
    ] as const) {
      const event = await waitForPhase(name, 'EventNotFound');
      expect(condition(event, 'EventExists')).toMatchObject({ status: 'False', reason: 'EventNotFound' });
      expect(condition(event, 'EventExists')?.message).toContain(eventId);
      expect(condition(event, 'Ready')).toMatchObject({ status: 'False', reason: 'EventNotFound' });
      expect(condition(event, 'Admitting')).toMatchObject({ status: 'False', reason: 'EventNotFound' });
      expect(await env.redis.get(tier2Keys.status(eventId))).toBe('closed');
      expect(await env.redis.sismember(tier2Keys.activeEvents(), eventId)).toBe(0);
      expect((await env.countersItem(eventId))?.active?.BOOL).toBe(false);
      const warning = await env.waitForEvent(name, 'EventNotFound');
      expect(warning.type).toBe('Warning');
      expect(warning.note).toContain(eventId);
    }
  });

  it('opens the sale of an event ticket-service knows; an outage keeps each on its last word', async () => {
    const { event } = await createSeatedSale(ticket, newUser('admin'), { rows: 2, seatsPerRow: 10 });
    await env.createTicketEvent('known', { eventId: event.id, ...openSale() });
    const missingId = randomUUID();
    await env.createTicketEvent('missing', { eventId: missingId, ...openSale() });

    const known = await waitForPhase('known', 'OnSale');
    expect(condition(known, 'EventExists')).toMatchObject({ status: 'True', reason: 'Found' });
    expect(condition(known, 'Ready')?.status).toBe('True');
    expect(condition(known, 'Admitting')?.status).toBe('True');
    expect(known.status?.figures).toMatchObject({ seatsTotal: 20, seatsSold: 0 });
    await waitForPhase('missing', 'EventNotFound');

    // Unreachable is not "not found": the known sale keeps admitting, the missing one stays shut.
    unreachable = true;
    await env.patchSpec('known', [{ op: 'replace', path: '/spec/queue/threshold', value: 7 }]);
    await env.patchSpec('missing', [{ op: 'replace', path: '/spec/queue/threshold', value: 7 }]);
    for (const name of ['known', 'missing'])
      await eventually(async () => {
        const current = await env.getTicketEvent(name);
        expect(condition(current, 'SalesFiguresAvailable')?.reason).toBe('TicketServiceUnreachable');
        expect(current.status?.observedGeneration).toBe(current.metadata.generation);
      });
    const knownDuringOutage = await env.getTicketEvent('known');
    expect(knownDuringOutage.status?.phase).toBe('OnSale');
    expect(condition(knownDuringOutage, 'EventExists')?.status).toBe('True');
    expect(condition(knownDuringOutage, 'Admitting')?.status).toBe('True');
    expect(await env.redis.get(tier2Keys.threshold(event.id))).toBe('7');
    const missingDuringOutage = await env.getTicketEvent('missing');
    expect(missingDuringOutage.status?.phase).toBe('EventNotFound');
    expect(condition(missingDuringOutage, 'EventExists')?.status).toBe('False');
    unreachable = false;
  });
});
