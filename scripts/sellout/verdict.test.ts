import { describe, expect, it } from 'vitest';
import { type SaleRecords, saleVerdict } from './verdict.js';

const t0 = Date.parse('2026-12-05T12:00:00Z');

/** Two fans who each bought one seat and paid once; a third whose card was declined. */
function cleanSale(): SaleRecords {
  return {
    seats: 2,
    reservations: [
      {
        id: 'r1',
        userId: 'u1',
        bookedBy: 'u1',
        status: 'CONFIRMED',
        ticketTypeId: null,
        ticketCount: 1,
        seatIds: ['s1'],
      },
      {
        id: 'r2',
        userId: 'friend-of-u2',
        bookedBy: 'u2',
        status: 'CONFIRMED',
        ticketTypeId: null,
        ticketCount: 1,
        seatIds: ['s2'],
      },
      {
        id: 'r3',
        userId: 'u3',
        bookedBy: 'u3',
        status: 'CANCELLED',
        ticketTypeId: null,
        ticketCount: 1,
        seatIds: ['s2'],
      },
      {
        id: 'r4',
        userId: 'u3',
        bookedBy: 'u3',
        status: 'CONFIRMED',
        ticketTypeId: 'standing',
        ticketCount: 2,
        seatIds: [],
      },
    ],
    payments: [
      { id: 'p1', reservationId: 'r1', status: 'succeeded' },
      { id: 'p2', reservationId: 'r2', status: 'succeeded' },
      { id: 'p3', reservationId: 'r3', status: 'failed' },
      { id: 'p4', reservationId: 'r4', status: 'succeeded' },
    ],
    charges: [
      { id: 'c1', reference: 'p1', status: 'succeeded', amount: 100, refundedAmount: 0 },
      { id: 'c2', reference: 'p2', status: 'succeeded', amount: 100, refundedAmount: 0 },
      { id: 'c3', reference: 'p3', status: 'failed', amount: 100, refundedAmount: 0 },
      { id: 'c3b', reference: 'p3', status: 'succeeded', amount: 100, refundedAmount: 100 },
      { id: 'c4', reference: 'p4', status: 'succeeded', amount: 200, refundedAmount: 0 },
    ],
    standing: [{ ticketTypeId: 'standing', quantity: 2 }],
    tier1: [
      {
        userId: 'u1',
        eventId: 'e1',
        preQueue: true,
        assignStartedAt: t0,
        assignedAt: t0 + 10,
        position: 3,
        admittedAt: t0 + 20_000,
      },
      {
        userId: 'u2',
        eventId: 'e1',
        preQueue: true,
        assignStartedAt: t0 + 5,
        assignedAt: t0 + 15,
        position: 1,
        admittedAt: t0 + 20_000,
      },
      {
        userId: 'u3',
        eventId: 'e1',
        preQueue: false,
        assignStartedAt: t0 + 30_000,
        assignedAt: t0 + 30_050,
        position: 5,
        admittedAt: t0 + 41_000,
      },
    ],
    openings: { e1: { opensAt: t0 + 10_000, preQueueSize: 3 } },
    servingCounter: {
      e1: [
        { at: t0, value: 0 },
        { at: t0 + 20_000, value: 3 },
        { at: t0 + 40_000, value: 5 },
        { at: t0 + 41_500, value: 5 },
      ],
    },
    tier2Active: {
      e1: [
        { at: t0, value: 0 },
        { at: t0 + 21_000, value: 2 },
      ],
    },
    maxUsers: 2,
    cycleMs: 10_000,
    skippers: ['attacker'],
  };
}

const rulesOf = (records: SaleRecords) => saleVerdict(records).map((v) => v.rule);

describe('the sale verdict', () => {
  it('holds for a clean sale: declined and refunded charges, a cancelled hold on a seat sold again, a ticket handed to a friend', () => {
    expect(saleVerdict(cleanSale())).toEqual([]);
  });

  it('holds when a fan paid with another card after a decline: one payment, a failed and a captured charge', () => {
    const sale = cleanSale();
    const records = {
      ...sale,
      charges: [
        { id: 'c1-declined', reference: 'p1', status: 'failed' as const, amount: 100, refundedAmount: 0 },
        ...sale.charges,
      ],
    };
    expect(saleVerdict(records)).toEqual([]);
  });

  it('finds a seat in two active reservations and a sale beyond the hall', () => {
    const sale = cleanSale();
    const records = {
      ...sale,
      seats: 1,
      reservations: [
        ...sale.reservations,
        {
          id: 'r5',
          userId: 'u2',
          bookedBy: 'u2',
          status: 'PENDING_PAYMENT' as const,
          ticketTypeId: null,
          ticketCount: 1,
          seatIds: ['s1'],
        },
      ],
    };
    const violations = saleVerdict(records);
    expect(violations.map((v) => v.rule)).toEqual(['seat-in-two-reservations', 'seats-oversold']);
    expect(violations[0]?.ids).toEqual(['s1', 'r1', 'r5']);
  });

  it('finds money taken without a booking, a booking paid twice and one never paid', () => {
    const sale = cleanSale();
    const records: SaleRecords = {
      ...sale,
      payments: [...sale.payments, { id: 'p9', reservationId: 'r2', status: 'succeeded' }],
      charges: [
        ...sale.charges.filter((c) => c.id !== 'c1'),
        { id: 'c3c', reference: 'p3', status: 'succeeded', amount: 100, refundedAmount: 0 },
        { id: 'c9', reference: 'p9', status: 'succeeded', amount: 100, refundedAmount: 50 },
        { id: 'cx', reference: 'nobody', status: 'succeeded', amount: 100, refundedAmount: 0 },
      ],
    };
    const violations = saleVerdict(records);
    expect(violations.map((v) => [v.rule, v.ids[0]])).toEqual([
      ['capture-without-booking', 'c3c'],
      ['capture-without-booking', 'cx'],
      ['booking-without-one-capture', 'r1'],
      ['booking-without-one-capture', 'r2'],
    ]);
  });

  it('finds an oversold standing type and a Tier-2 sample above maxUsers', () => {
    const sale = cleanSale();
    expect(rulesOf({ ...sale, standing: [{ ticketTypeId: 'standing', quantity: 1 }] })).toEqual([
      'standing-oversold',
    ]);
    expect(
      rulesOf({ ...sale, tier2Active: { e1: [...sale.tier2Active.e1!, { at: t0 + 30_000, value: 3 }] } }),
    ).toEqual(['tier2-over-max-users']);
  });

  it('finds a place given out of arrival order beyond one advancer cycle, and a newcomer ahead of the pre-queue', () => {
    const sale = cleanSale();
    const late = {
      userId: 'u4',
      eventId: 'e1',
      preQueue: false,
      assignStartedAt: t0 + 45_000,
      assignedAt: t0 + 45_010,
      position: 4,
      admittedAt: null,
    };
    const withinCycle = { ...late, assignStartedAt: t0 + 35_000 };
    expect(rulesOf({ ...sale, tier1: [...sale.tier1, withinCycle] })).toEqual([]);
    expect(rulesOf({ ...sale, tier1: [...sale.tier1, { ...withinCycle, position: 2 }] })).toEqual([
      'position-out-of-arrival-order',
    ]);
    expect(rulesOf({ ...sale, tier1: [...sale.tier1, late] })).toEqual(['position-out-of-arrival-order']);
    const otherSale = { ...late, eventId: 'e2', position: 1, preQueue: false };
    expect(rulesOf({ ...sale, tier1: [...sale.tier1, otherSale] })).toEqual([]);
  });

  it('judges the pre-queue by the sealed places: a join sent before the opening and answered after it may hold one', () => {
    const sale = cleanSale();
    const straddling = {
      userId: 'u4',
      eventId: 'e1',
      preQueue: false,
      assignStartedAt: t0 + 9_000,
      assignedAt: t0 + 25_000,
      position: 2,
      admittedAt: null,
    };
    expect(rulesOf({ ...sale, tier1: [...sale.tier1, straddling] })).toEqual([]);
    const newcomer = { ...straddling, assignStartedAt: t0 + 10_000 };
    expect(saleVerdict({ ...sale, tier1: [...sale.tier1, newcomer] })).toEqual([
      expect.objectContaining({ rule: 'position-out-of-arrival-order', ids: ['u4'] }),
    ]);
    const toldPreQueueButBehind = { ...straddling, preQueue: true, position: 4 };
    expect(saleVerdict({ ...sale, tier1: [...sale.tier1, toldPreQueueButBehind] })).toEqual([
      expect.objectContaining({ rule: 'position-out-of-arrival-order', ids: ['u4'] }),
    ]);
  });

  it('finds a fan let in before the counter reached their place, and a booking by an account Tier 1 never admitted', () => {
    const sale = cleanSale();
    const early = sale.tier1.map((fan) => (fan.userId === 'u3' ? { ...fan, admittedAt: t0 + 25_000 } : fan));
    expect(rulesOf({ ...sale, tier1: early })).toEqual([]);
    const tooEarly = sale.tier1.map((fan) =>
      fan.userId === 'u3' ? { ...fan, admittedAt: t0 + 15_000 } : fan,
    );
    expect(rulesOf({ ...sale, tier1: tooEarly })).toEqual(['admitted-before-its-turn']);

    const skipped = {
      ...sale,
      reservations: [
        ...sale.reservations,
        {
          id: 'r6',
          userId: 'attacker',
          bookedBy: 'attacker',
          status: 'CANCELLED' as const,
          ticketTypeId: null,
          ticketCount: 1,
          seatIds: [],
        },
      ],
    };
    expect(saleVerdict(skipped)).toEqual([
      expect.objectContaining({ rule: 'booked-without-tier1', ids: ['r6 (attacker)'] }),
    ]);
  });
});
