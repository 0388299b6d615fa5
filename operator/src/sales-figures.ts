import { z } from 'zod';
import type { SalesFigures } from './phase.js';

/**
 * Where the operator learns how many seats are sold and held. In production ticket-service answers
 * (see `httpSalesFigures`); tests hand in their own source.
 */
export interface SalesFiguresSource {
  /** Undefined when ticket-service knows no such event (no seats configured yet). */
  figuresOf(eventId: string): Promise<SalesFigures | undefined>;
}

const salesResponse = z.object({
  seatsTotal: z.int().min(0),
  seatsSold: z.int().min(0),
  seatsHeld: z.int().min(0),
});

export class SalesFiguresError extends Error {
  override readonly name = 'SalesFiguresError';
}

export interface HttpSalesFiguresOptions {
  /** ticket-service's base URL, e.g. http://ticket-service:3002 */
  readonly ticketUrl: string;
  /** Sent as `x-internal-token`, the header every URR internal API checks. */
  readonly internalApiToken?: string;
  /** @default 2000 */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** `GET {ticketUrl}/internal/events/{eventId}/sales` → `{ seatsTotal, seatsSold, seatsHeld }`. */
export function httpSalesFigures(options: HttpSalesFiguresOptions): SalesFiguresSource {
  const doFetch = options.fetch ?? fetch;
  const base = options.ticketUrl.replace(/\/+$/, '');
  return {
    async figuresOf(eventId) {
      const url = `${base}/internal/events/${encodeURIComponent(eventId)}/sales`;
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: {
            accept: 'application/json',
            ...(options.internalApiToken ? { 'x-internal-token': options.internalApiToken } : {}),
          },
          signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
        });
      } catch (error) {
        throw new SalesFiguresError(`ticket-service did not answer ${url}: ${(error as Error).message}`);
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw new SalesFiguresError(`ticket-service answered ${response.status} for ${url}`);
      const parsed = salesResponse.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success)
        throw new SalesFiguresError(`ticket-service sent unreadable sales figures for ${url}`);
      return parsed.data;
    },
  };
}

/** Sales figures a test sets by hand, standing in for ticket-service. */
export class SettableSalesFigures implements SalesFiguresSource {
  private readonly figures = new Map<string, SalesFigures>();
  private failing = false;

  set(eventId: string, figures: SalesFigures): void {
    this.figures.set(eventId, figures);
  }

  /** While true every lookup fails, as when ticket-service is down. */
  failLookups(failing: boolean): void {
    this.failing = failing;
  }

  async figuresOf(eventId: string): Promise<SalesFigures | undefined> {
    if (this.failing) throw new SalesFiguresError('ticket-service is unreachable (test)');
    return this.figures.get(eventId);
  }
}
