import { randomUUID } from 'node:crypto';
import {
  createSeatedSale,
  newUser,
  startTicketTestEnv,
  type TicketTestEnv,
} from '@urr/ticket-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventNotFoundError, httpSalesFigures, SalesFiguresError } from './sales-figures.js';

// The real ticket-service, in-process over the local stack's PostgreSQL and Redis.
let ticket: TicketTestEnv;

beforeAll(async () => {
  ticket = await startTicketTestEnv();
});
afterAll(async () => {
  await ticket?.close();
});

const source = (ticketUrl = ticket.url) =>
  httpSalesFigures({ ticketUrl, internalApiToken: ticket.config.INTERNAL_API_TOKEN });

describe('httpSalesFigures (GET {TICKET_URL}/internal/events/{eventId}/sales)', () => {
  it('reads seats total, sold and held of an event ticket-service knows', async () => {
    const { event } = await createSeatedSale(ticket, newUser('admin'), { rows: 2, seatsPerRow: 5 });
    expect(await source(`${ticket.url}/`).figuresOf(event.id)).toEqual({
      seatsTotal: 10,
      seatsSold: 0,
      seatsHeld: 0,
    });
  });

  it('says "not found" for an id no event has: an unknown id, or a name that is no event id at all', async () => {
    const unknownId = randomUUID();
    await expect(source().figuresOf(unknownId)).rejects.toEqual(new EventNotFoundError(unknownId));
    await expect(source().figuresOf('winter-gala-2026')).rejects.toBeInstanceOf(EventNotFoundError);
  });

  it('says "unreachable", never "not found", when ticket-service cannot be asked or is not the one answering', async () => {
    const unknownId = randomUUID();
    // Wrong token: ticket-service refuses (401) without saying anything about the event.
    const badToken = httpSalesFigures({ ticketUrl: ticket.url, internalApiToken: 'x'.repeat(40) });
    await expect(badToken.figuresOf(unknownId)).rejects.toThrow(/answered 401/);
    // A wrong base URL: a 404 for the path, not ticket-service's word on the event.
    await expect(source(`${ticket.url}/elsewhere`).figuresOf(unknownId)).rejects.toBeInstanceOf(
      SalesFiguresError,
    );
    const nobody = httpSalesFigures({ ticketUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    await expect(nobody.figuresOf(unknownId)).rejects.toThrow(/did not answer/);
  });
});
