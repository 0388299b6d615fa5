import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSalesFigures, SalesFiguresError } from './sales-figures.js';

/** A loopback stand-in for ticket-service's internal sales endpoint, answering per event id. */
const answers: Record<string, { status: number; body: string }> = {
  'hall-2000': { status: 200, body: JSON.stringify({ seatsTotal: 2000, seatsSold: 1500, seatsHeld: 40 }) },
  broken: { status: 500, body: '{"title":"Internal Server Error"}' },
  garbled: { status: 200, body: '{"seatsTotal":"many"}' },
};
let server: Server;
let baseUrl: string;
let lastHeaders: IncomingHttpHeaders = {};
let lastPath = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    lastHeaders = request.headers;
    lastPath = request.url ?? '';
    const eventId = decodeURIComponent(
      /^\/internal\/events\/([^/]+)\/sales$/.exec(request.url ?? '')?.[1] ?? '',
    );
    const answer = answers[eventId] ?? { status: 404, body: '{"title":"Not Found"}' };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('httpSalesFigures (GET {TICKET_URL}/internal/events/{eventId}/sales)', () => {
  const token = 'x'.repeat(40);

  it('reads seats total, sold and held, sending the internal token', async () => {
    const source = httpSalesFigures({ ticketUrl: `${baseUrl}/`, internalApiToken: token });
    expect(await source.figuresOf('hall-2000')).toEqual({ seatsTotal: 2000, seatsSold: 1500, seatsHeld: 40 });
    expect(lastPath).toBe('/internal/events/hall-2000/sales');
    expect(lastHeaders['x-internal-token']).toBe(token);
  });

  it('answers undefined for an event ticket-service does not know', async () => {
    expect(await httpSalesFigures({ ticketUrl: baseUrl }).figuresOf('no-such-event')).toBeUndefined();
  });

  it('fails with a SalesFiguresError on an error status, unreadable figures, or no answer', async () => {
    const source = httpSalesFigures({ ticketUrl: baseUrl });
    await expect(source.figuresOf('broken')).rejects.toThrow(/answered 500/);
    await expect(source.figuresOf('garbled')).rejects.toBeInstanceOf(SalesFiguresError);
    const nobody = httpSalesFigures({ ticketUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    await expect(nobody.figuresOf('hall-2000')).rejects.toThrow(/did not answer/);
  });
});
