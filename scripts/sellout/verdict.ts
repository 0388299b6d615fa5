/**
 * The sale's verdict, from what the databases and the PSP's books hold (never from what fans were told),
 * plus the waiting rooms' own counters sampled during the run. Pure: the records come in, the violations
 * go out, each naming the ids involved.
 */

export type ReservationStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED';

export interface ReservationRecord {
  readonly id: string;
  readonly userId: string;
  /** Who booked it: the holder, or the first sender when it was handed on by a transfer. */
  readonly bookedBy: string;
  readonly status: ReservationStatus;
  readonly ticketTypeId: string | null;
  readonly ticketCount: number;
  readonly seatIds: readonly string[];
}

export interface PaymentRecord {
  readonly id: string;
  readonly reservationId: string;
  readonly status: string;
}

/** A charge in the PSP's books; `reference` is the payment's id. */
export interface ChargeRecord {
  readonly id: string;
  readonly reference: string;
  readonly status: 'processing' | 'succeeded' | 'failed';
  readonly amount: number;
  readonly refundedAmount: number;
}

export interface StandingRecord {
  readonly ticketTypeId: string;
  readonly quantity: number;
}

/** One fan's way through Tier 1, as the fan's client saw it (times in epoch ms). */
export interface Tier1Record {
  readonly userId: string;
  /** The sale whose waiting room it was (places are counted per sale). */
  readonly eventId: string;
  readonly preQueue: boolean;
  readonly assignStartedAt: number;
  readonly assignedAt: number;
  /** The place the waiting room gave; null when never known (a quiet sale lets people in at once). */
  readonly position: number | null;
  /** When a check first answered admitted; null if never. */
  readonly admittedAt: number | null;
}

/** A sale's opening, from its waiting room's counters item: the pre-queue's sealed size holds places 1..size. */
export interface Opening {
  readonly opensAt: number;
  readonly preQueueSize: number;
}

export interface Sample {
  /** When the read began (so a value is never older than its time). */
  readonly at: number;
  readonly value: number;
}

export interface SaleRecords {
  readonly seats: number;
  readonly reservations: readonly ReservationRecord[];
  readonly payments: readonly PaymentRecord[];
  readonly charges: readonly ChargeRecord[];
  readonly standing: readonly StandingRecord[];
  readonly tier1: readonly Tier1Record[];
  /** Per sale (event id) with an opening time; a sale not listed has no pre-queue to judge. */
  readonly openings: Readonly<Record<string, Opening>>;
  /** Tier-1 serving counter over time, per sale (event id). */
  readonly servingCounter: Readonly<Record<string, readonly Sample[]>>;
  /** Tier-2 active users over time per sale, against maxUsers. */
  readonly tier2Active: Readonly<Record<string, readonly Sample[]>>;
  readonly maxUsers: number;
  /** Advancer cycle: within one cycle, arrival order may be reshuffled across shards (ADR 0003). */
  readonly cycleMs: number;
  /** Accounts that tried to book without passing Tier 1. */
  readonly skippers: readonly string[];
}

export type Rule =
  | 'seats-oversold'
  | 'seat-in-two-reservations'
  | 'capture-without-booking'
  | 'booking-without-one-capture'
  | 'standing-oversold'
  | 'tier2-over-max-users'
  | 'position-out-of-arrival-order'
  | 'admitted-before-its-turn'
  | 'booked-without-tier1';

export interface Violation {
  readonly rule: Rule;
  readonly detail: string;
  readonly ids: readonly string[];
}

const active = (status: ReservationStatus) => status === 'PENDING_PAYMENT' || status === 'CONFIRMED';
const captured = (charge: ChargeRecord) =>
  charge.status === 'succeeded' && charge.refundedAmount < charge.amount;
const shown = (ids: readonly string[]) =>
  ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, …` : ids.join(', ');

function seatRules(records: SaleRecords): Violation[] {
  const violations: Violation[] = [];
  const holders = new Map<string, string[]>();
  for (const reservation of records.reservations) {
    if (!active(reservation.status)) continue;
    for (const seat of reservation.seatIds) holders.set(seat, [...(holders.get(seat) ?? []), reservation.id]);
  }
  for (const [seat, reservations] of holders)
    if (reservations.length > 1)
      violations.push({
        rule: 'seat-in-two-reservations',
        detail: `seat ${seat} is in ${reservations.length} active reservations`,
        ids: [seat, ...reservations],
      });
  const sold = new Set(
    records.reservations.filter((r) => r.status === 'CONFIRMED').flatMap((r) => r.seatIds),
  );
  if (sold.size > records.seats)
    violations.push({
      rule: 'seats-oversold',
      detail: `${sold.size} seats sold of ${records.seats}`,
      ids: [],
    });
  return violations;
}

function moneyRules(records: SaleRecords): Violation[] {
  const violations: Violation[] = [];
  const reservations = new Map(records.reservations.map((r) => [r.id, r]));
  const payments = new Map(records.payments.map((p) => [p.id, p]));
  const capturesByReservation = new Map<string, ChargeRecord[]>();
  for (const charge of records.charges.filter(captured)) {
    const payment = payments.get(charge.reference);
    const reservation = payment ? reservations.get(payment.reservationId) : undefined;
    if (!payment || reservation?.status !== 'CONFIRMED') {
      violations.push({
        rule: 'capture-without-booking',
        detail: payment
          ? `charge ${charge.id} is captured and not refunded, but reservation ${payment.reservationId} is ${reservation?.status ?? 'missing'}`
          : `charge ${charge.id} is captured for ${charge.reference}, which is no payment of ours`,
        ids: [charge.id, charge.reference, ...(payment ? [payment.reservationId] : [])],
      });
      continue;
    }
    capturesByReservation.set(reservation.id, [...(capturesByReservation.get(reservation.id) ?? []), charge]);
  }
  for (const reservation of records.reservations) {
    if (reservation.status !== 'CONFIRMED') continue;
    const captures = capturesByReservation.get(reservation.id) ?? [];
    if (captures.length !== 1)
      violations.push({
        rule: 'booking-without-one-capture',
        detail: `reservation ${reservation.id} is CONFIRMED with ${captures.length} captured charges`,
        ids: [reservation.id, ...captures.map((c) => c.id)],
      });
  }
  return violations;
}

function standingRules(records: SaleRecords): Violation[] {
  return records.standing.flatMap((type) => {
    const holding = records.reservations.filter(
      (r) => r.ticketTypeId === type.ticketTypeId && active(r.status),
    );
    const tickets = holding.reduce((sum, r) => sum + r.ticketCount, 0);
    return tickets > type.quantity
      ? [
          {
            rule: 'standing-oversold' as const,
            detail: `ticket type ${type.ticketTypeId}: ${tickets} tickets held or sold of ${type.quantity}`,
            ids: [type.ticketTypeId],
          },
        ]
      : [];
  });
}

function tier2Rules(records: SaleRecords): Violation[] {
  return Object.entries(records.tier2Active).flatMap(([eventId, samples]) => {
    const over = samples.filter((sample) => sample.value > records.maxUsers);
    return over.length === 0
      ? []
      : [
          {
            rule: 'tier2-over-max-users' as const,
            detail: `${eventId}: ${over.length} samples above maxUsers ${records.maxUsers} (highest ${Math.max(...over.map((s) => s.value))})`,
            ids: [eventId, ...over.slice(0, 10).map((s) => new Date(s.at).toISOString())],
          },
        ];
  });
}

/** The Tier-1 records grouped by sale: places, and so their order, are per sale. */
function bySale(records: SaleRecords): Map<string, Tier1Record[]> {
  const groups = new Map<string, Tier1Record[]>();
  for (const fan of records.tier1) groups.set(fan.eventId, [...(groups.get(fan.eventId) ?? []), fan]);
  return groups;
}

/**
 * ADR 0003's bound: someone who had their place a whole advancer cycle before you arrived is ahead of
 * you; pre-queue arrivals are all ahead of everyone who came after the opening.
 */
function arrivalOrderRules(records: SaleRecords): Violation[] {
  return [...bySale(records)].flatMap(([eventId, fans]) => [
    ...preQueueRules(fans, records.openings[eventId]),
    ...arrivalOrderInSale(fans, records.cycleMs),
  ]);
}

/**
 * The pre-queue holds places 1..size of the sealed pre-queue. A fan told "pre-queue" must hold one, and
 * nobody whose join began at or after the opening may. A join sent before the opening and answered after
 * it may hold either: the waiting room saw it before or after the opening, and both are its arrival.
 */
function preQueueRules(tier1: readonly Tier1Record[], opening: Opening | undefined): Violation[] {
  if (!opening) return [];
  const violations: Violation[] = [];
  const placed = tier1.filter((fan) => fan.position !== null) as (Tier1Record & { position: number })[];
  const outside = placed.filter((fan) => fan.preQueue && fan.position > opening.preQueueSize);
  if (outside.length > 0)
    violations.push({
      rule: 'position-out-of-arrival-order',
      detail: `${outside.length} fans told they were in the pre-queue got a place behind it (size ${opening.preQueueSize}): ${shown(outside.map((f) => `${f.userId} (place ${f.position})`))}`,
      ids: outside.map((f) => f.userId),
    });
  const jumped = placed.filter(
    (fan) => fan.assignStartedAt >= opening.opensAt && fan.position <= opening.preQueueSize,
  );
  if (jumped.length > 0)
    violations.push({
      rule: 'position-out-of-arrival-order',
      detail: `${jumped.length} fans who came after the opening got a place in the pre-queue (size ${opening.preQueueSize}): ${shown(jumped.map((f) => `${f.userId} (place ${f.position})`))}`,
      ids: jumped.map((f) => f.userId),
    });
  return violations;
}

/** Among those who were not told "pre-queue": nobody passes someone placed a whole cycle before they came. */
function arrivalOrderInSale(tier1: readonly Tier1Record[], cycleMs: number): Violation[] {
  const placed = tier1.filter((fan) => fan.position !== null) as (Tier1Record & {
    position: number;
  })[];
  const violations: Violation[] = [];
  const afterOpening = placed.filter((fan) => !fan.preQueue);
  const byPlaced = [...afterOpening].sort((a, b) => a.assignedAt - b.assignedAt);
  const byArrival = [...afterOpening].sort((a, b) => a.assignStartedAt - b.assignStartedAt);
  let earlier = 0;
  let highest: (Tier1Record & { position: number }) | undefined;
  const passed: string[] = [];
  for (const fan of byArrival) {
    while (earlier < byPlaced.length && byPlaced[earlier]!.assignedAt + cycleMs <= fan.assignStartedAt) {
      const candidate = byPlaced[earlier]!;
      if (!highest || candidate.position > highest.position) highest = candidate;
      earlier += 1;
    }
    if (highest && highest.position >= fan.position) passed.push(`${fan.userId} (behind ${highest.userId})`);
  }
  if (passed.length > 0)
    violations.push({
      rule: 'position-out-of-arrival-order',
      detail: `${passed.length} fans got a place ahead of someone placed a whole cycle before they arrived: ${shown(passed)}`,
      ids: passed,
    });
  return violations;
}

/** Nobody is let through Tier 1 before the serving counter reached their place. */
function admissionRules(records: SaleRecords): Violation[] {
  const early: string[] = [];
  for (const fan of records.tier1) {
    const samples = [...(records.servingCounter[fan.eventId] ?? [])].sort((a, b) => a.at - b.at);
    if (fan.admittedAt === null || fan.position === null || samples.length === 0) continue;
    const after = samples.find((s) => s.at >= fan.admittedAt!) ?? samples[samples.length - 1]!;
    if (fan.position > after.value)
      early.push(`${fan.userId} (place ${fan.position}, serving ${after.value})`);
  }
  return early.length === 0
    ? []
    : [
        {
          rule: 'admitted-before-its-turn',
          detail: `${early.length} fans admitted before the serving counter reached them: ${shown(early)}`,
          ids: early,
        },
      ];
}

function tier1GateRules(records: SaleRecords): Violation[] {
  const admitted = new Set(records.tier1.filter((f) => f.admittedAt !== null).map((f) => f.userId));
  const skippers = new Set(records.skippers);
  const outsiders = records.reservations.filter((r) => skippers.has(r.bookedBy) || !admitted.has(r.bookedBy));
  return outsiders.length === 0
    ? []
    : [
        {
          rule: 'booked-without-tier1',
          detail: `${outsiders.length} reservations by accounts Tier 1 never admitted`,
          ids: outsiders.map((r) => `${r.id} (${r.bookedBy})`),
        },
      ];
}

export function saleVerdict(records: SaleRecords): Violation[] {
  return [
    ...seatRules(records),
    ...moneyRules(records),
    ...standingRules(records),
    ...tier2Rules(records),
    ...arrivalOrderRules(records),
    ...admissionRules(records),
    ...tier1GateRules(records),
  ];
}
