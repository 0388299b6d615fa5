import { z } from 'zod';
import type { SalesFigures } from './phase.js';

/**
 * Where the operator learns how many seats are sold and held. In production ticket-service answers
 * (see `httpSalesFigures`); tests hand in their own source.
 */
export interface SalesFiguresSource {
  /**
   * The event's figures; undefined when there are none to report. Throws {@link EventNotFoundError} when
   * ticket-service knows no such event, {@link SalesFiguresError} when it cannot be asked.
   */
  figuresOf(eventId: string): Promise<SalesFigures | undefined>;
}

const salesResponse = z.object({
  seatsTotal: z.int().min(0),
  seatsSold: z.int().min(0),
  seatsHeld: z.int().min(0),
});

/** ticket-service could not be asked, or its answer made no sense: the event may well exist. */
export class SalesFiguresError extends Error {
  override readonly name = 'SalesFiguresError';
}

/** ticket-service answered, and it knows no event with this id. */
export class EventNotFoundError extends Error {
  override readonly name = 'EventNotFoundError';
  constructor(readonly eventId: string) {
    super(`ticket-service knows no event ${eventId}`);
  }
}

/**
 * Only ticket-service's own refusals mean "no such event": its not-found problem, or its validation
 * problem for an id that no event can have. Any other 404 or 400 (a wrong TICKET_URL, a proxy) says
 * nothing about the event and counts as not reachable.
 */
const eventMissingProblems: Record<number, string> = {
  400: 'urn:urr:problem:validation',
  404: 'urn:urr:problem:ticket:not-found',
};

const problemType = z.object({ type: z.string() });

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
      const body: unknown = await response.json().catch(() => undefined);
      const missingType = eventMissingProblems[response.status];
      if (missingType && problemType.safeParse(body).data?.type === missingType)
        throw new EventNotFoundError(eventId);
      if (!response.ok) throw new SalesFiguresError(`ticket-service answered ${response.status} for ${url}`);
      const parsed = salesResponse.safeParse(body);
      if (!parsed.success)
        throw new SalesFiguresError(`ticket-service sent unreadable sales figures for ${url}`);
      return parsed.data;
    },
  };
}

/** Sales figures a test sets by hand, standing in for ticket-service. */
export class SettableSalesFigures implements SalesFiguresSource {
  private readonly figures = new Map<string, SalesFigures>();
  private readonly missing = new Set<string>();
  private failing = false;

  set(eventId: string, figures: SalesFigures): void {
    this.missing.delete(eventId);
    this.figures.set(eventId, figures);
  }

  /** From now on ticket-service knows no such event (until `set` names it again). */
  setMissing(eventId: string): void {
    this.figures.delete(eventId);
    this.missing.add(eventId);
  }

  /** While true every lookup fails, as when ticket-service is down. */
  failLookups(failing: boolean): void {
    this.failing = failing;
  }

  async figuresOf(eventId: string): Promise<SalesFigures | undefined> {
    if (this.failing) throw new SalesFiguresError('ticket-service is unreachable (test)');
    if (this.missing.has(eventId)) throw new EventNotFoundError(eventId);
    return this.figures.get(eventId);
  }
}
