import type { Tier2Status } from '@urr/common/queue/tier2-keys';
import type { WaitingListKeyState } from '@urr/common/queue/waiting-list-key';
import type { Phase, TicketEventSpec } from './ticket-event.js';

/** Seats as ticket-service counts them. */
export interface SalesFigures {
  readonly seatsTotal: number;
  readonly seatsSold: number;
  readonly seatsHeld: number;
}

export function seatsLeft(sales: SalesFigures): number {
  return Math.max(0, sales.seatsTotal - sales.seatsSold - sales.seatsHeld);
}

/** Sold out means every seat is paid for; seats merely held may still come back when a hold expires. */
export function isSoldOut(sales: SalesFigures | undefined): boolean {
  return sales !== undefined && sales.seatsTotal > 0 && sales.seatsSold >= sales.seatsTotal;
}

export interface SaleTimes {
  /** The first moment anyone may buy: the presale opening, or the sale opening without a presale. */
  readonly firstOpening: Date;
  readonly saleOpens: Date;
  readonly closes: Date;
  readonly presaleOpens?: Date;
  /** From here until the sale closes or sells out, the spec's HPA bounds apply. */
  readonly prescaleFrom: Date;
}

export function saleTimes(spec: TicketEventSpec): SaleTimes {
  const saleOpens = new Date(spec.sale.opensAt);
  const presaleOpens = spec.sale.presale ? new Date(spec.sale.presale.opensAt) : undefined;
  const firstOpening = presaleOpens ?? saleOpens;
  return {
    firstOpening,
    saleOpens,
    closes: new Date(spec.sale.closesAt),
    ...(presaleOpens ? { presaleOpens } : {}),
    prescaleFrom: new Date(firstOpening.getTime() - spec.scaling.prescaleMinutes * 60_000),
  };
}

/**
 * The phase at `now`. An event ticket-service does not know beats everything (no sale opens for it);
 * then closing time; a sold-out sale stays SoldOut even when paused; otherwise the clock decides.
 * `soldOut` counts only once the sale has opened.
 */
export function phaseAt(spec: TicketEventSpec, now: Date, soldOut: boolean, eventMissing = false): Phase {
  if (eventMissing) return 'EventNotFound';
  const times = saleTimes(spec);
  const t = now.getTime();
  if (t >= times.closes.getTime()) return 'Closed';
  if (soldOut && t >= times.firstOpening.getTime()) return 'SoldOut';
  if (spec.paused) return 'Paused';
  if (t >= times.saleOpens.getTime()) return 'OnSale';
  if (times.presaleOpens && t >= times.presaleOpens.getTime()) return 'PreSale';
  return 'Scheduled';
}

/** The next moment after `now` at which the clock alone changes the phase or the pre-scaling. */
export function nextBoundary(spec: TicketEventSpec, now: Date): Date | undefined {
  const times = saleTimes(spec);
  return [times.prescaleFrom, times.presaleOpens, times.saleOpens, times.closes]
    .filter((d): d is Date => d !== undefined && d.getTime() > now.getTime())
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

/** Whether the sale draws enough traffic that its HPA bounds apply. */
export function isHot(spec: TicketEventSpec, now: Date, phase: Phase): boolean {
  const times = saleTimes(spec);
  return (
    now.getTime() >= times.prescaleFrom.getTime() &&
    phase !== 'Closed' &&
    phase !== 'SoldOut' &&
    phase !== 'EventNotFound'
  );
}

/** What the phase means for the Tier-2 queue and the Tier-1 waiting room. */
export interface Admission {
  readonly tier2Status: Tier2Status;
  /** Listed in queue:active-events, so queue-service admits from it. */
  readonly queueAdmitting: boolean;
  /** counters.active: arrivals wait for a position (false: assign admits at once). */
  readonly waitingRoomActive: boolean;
  readonly soldOut: boolean;
  /** counters.paused: the serving counter holds still and waiting users are told the sale is paused. */
  readonly paused: boolean;
  /**
   * The waiting list of returned seats: opened when the sale sells out, closed when it closes, and left as
   * it is in between (undefined), so returned seats that make the phase flip back to OnSale still go to
   * the fans in line (docs/adr/0042).
   */
  readonly waitingList: WaitingListKeyState | undefined;
}

export function admissionFor(phase: Phase, hot: boolean): Admission {
  switch (phase) {
    case 'Scheduled':
      // Arrivals during the prescale lead get positions, shuffled at the opening (counters.opensAt).
      return {
        tier2Status: 'closed',
        queueAdmitting: false,
        waitingRoomActive: hot,
        soldOut: false,
        paused: false,
        waitingList: undefined,
      };
    case 'PreSale':
    case 'OnSale':
      return {
        tier2Status: 'open',
        queueAdmitting: true,
        waitingRoomActive: true,
        soldOut: false,
        paused: false,
        waitingList: undefined,
      };
    case 'Paused':
      return {
        tier2Status: 'paused',
        queueAdmitting: false,
        waitingRoomActive: true,
        soldOut: false,
        paused: true,
        waitingList: undefined,
      };
    case 'SoldOut':
      // The waiting room stays active so waiting users are told it is sold out instead of let through.
      return {
        tier2Status: 'soldout',
        queueAdmitting: false,
        waitingRoomActive: true,
        soldOut: true,
        paused: false,
        waitingList: 'open',
      };
    case 'Closed':
    case 'EventNotFound':
      // No sale without an event: both tiers stay shut until ticket-service knows the event.
      return {
        tier2Status: 'closed',
        queueAdmitting: false,
        waitingRoomActive: false,
        soldOut: false,
        paused: false,
        // The sale is over: nothing more is offered; ticket-service does not know a missing event's list.
        waitingList: phase === 'Closed' ? 'closed' : undefined,
      };
  }
}
