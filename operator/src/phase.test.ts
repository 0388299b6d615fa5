import { describe, expect, it } from 'vitest';
import { admissionFor, isHot, isSoldOut, nextBoundary, phaseAt } from './phase.js';
import { parseSpec } from './ticket-event.js';

const spec = parseSpec({
  eventId: 'tour-1',
  sale: {
    presale: { opensAt: '2026-12-08T11:00:00Z' },
    opensAt: '2026-12-10T11:00:00Z',
    closesAt: '2026-12-20T11:00:00Z',
  },
  scaling: { prescaleMinutes: 30 },
});
const at = (iso: string) => new Date(iso);

describe('phaseAt', () => {
  it('follows the clock: Scheduled → PreSale → OnSale → Closed', () => {
    expect(phaseAt(spec, at('2026-12-08T10:59:59Z'), false)).toBe('Scheduled');
    expect(phaseAt(spec, at('2026-12-08T11:00:00Z'), false)).toBe('PreSale');
    expect(phaseAt(spec, at('2026-12-10T11:00:00Z'), false)).toBe('OnSale');
    expect(phaseAt(spec, at('2026-12-20T11:00:00Z'), false)).toBe('Closed');
  });

  it('goes straight from Scheduled to OnSale without a presale', () => {
    const noPresale = parseSpec({
      ...spec,
      sale: { opensAt: spec.sale.opensAt, closesAt: spec.sale.closesAt },
    });
    expect(phaseAt(noPresale, at('2026-12-09T11:00:00Z'), false)).toBe('Scheduled');
    expect(phaseAt(noPresale, at('2026-12-10T11:00:00Z'), false)).toBe('OnSale');
  });

  it('says SoldOut once open and sold out, Paused when paused, and Closed after closing whatever else', () => {
    expect(phaseAt(spec, at('2026-12-11T00:00:00Z'), true)).toBe('SoldOut');
    expect(phaseAt(spec, at('2026-12-01T00:00:00Z'), true)).toBe('Scheduled');
    expect(phaseAt({ ...spec, paused: true }, at('2026-12-11T00:00:00Z'), false)).toBe('Paused');
    expect(phaseAt({ ...spec, paused: true }, at('2026-12-11T00:00:00Z'), true)).toBe('SoldOut');
    expect(phaseAt({ ...spec, paused: true }, at('2026-12-21T00:00:00Z'), true)).toBe('Closed');
  });

  it('says EventNotFound, whatever the clock, for an event ticket-service does not know', () => {
    for (const now of ['2026-12-01T00:00:00Z', '2026-12-11T00:00:00Z', '2026-12-21T00:00:00Z'])
      expect(phaseAt(spec, at(now), false, true)).toBe('EventNotFound');
    expect(isHot(spec, at('2026-12-11T00:00:00Z'), 'EventNotFound')).toBe(false);
    expect(admissionFor('EventNotFound', true)).toEqual({
      tier2Status: 'closed',
      queueAdmitting: false,
      waitingRoomActive: false,
      soldOut: false,
      paused: false,
      waitingList: undefined,
    });
  });
});

describe('nextBoundary', () => {
  it('is the next of prescale start, presale, sale opening and closing', () => {
    expect(nextBoundary(spec, at('2026-12-01T00:00:00Z'))).toEqual(at('2026-12-08T10:30:00Z'));
    expect(nextBoundary(spec, at('2026-12-08T10:30:00Z'))).toEqual(at('2026-12-08T11:00:00Z'));
    expect(nextBoundary(spec, at('2026-12-09T00:00:00Z'))).toEqual(at('2026-12-10T11:00:00Z'));
    expect(nextBoundary(spec, at('2026-12-15T00:00:00Z'))).toEqual(at('2026-12-20T11:00:00Z'));
    expect(nextBoundary(spec, at('2026-12-21T00:00:00Z'))).toBeUndefined();
  });
});

describe('isHot and admission', () => {
  it('pre-scales from prescaleMinutes before the first opening until closing or selling out', () => {
    expect(isHot(spec, at('2026-12-08T10:29:59Z'), 'Scheduled')).toBe(false);
    expect(isHot(spec, at('2026-12-08T10:30:00Z'), 'Scheduled')).toBe(true);
    expect(isHot(spec, at('2026-12-11T00:00:00Z'), 'SoldOut')).toBe(false);
    expect(isHot(spec, at('2026-12-21T00:00:00Z'), 'Closed')).toBe(false);
  });

  it('stops admission and tells waiting users when sold out', () => {
    expect(admissionFor('SoldOut', false)).toEqual({
      tier2Status: 'soldout',
      queueAdmitting: false,
      waitingRoomActive: true,
      soldOut: true,
      paused: false,
      waitingList: 'open',
    });
    expect(admissionFor('Paused', true)).toMatchObject({
      tier2Status: 'paused',
      soldOut: false,
      paused: true,
    });
    expect(admissionFor('OnSale', true).queueAdmitting).toBe(true);
    expect(admissionFor('Scheduled', true).waitingRoomActive).toBe(true);
    expect(admissionFor('Scheduled', false).waitingRoomActive).toBe(false);
    expect(admissionFor('Closed', false)).toMatchObject({ tier2Status: 'closed', waitingRoomActive: false });
  });

  it('opens the waiting list when sold out, closes it when the sale closes, and leaves it alone in between', () => {
    expect(admissionFor('SoldOut', false).waitingList).toBe('open');
    expect(admissionFor('Closed', false).waitingList).toBe('closed');
    for (const phase of ['Scheduled', 'PreSale', 'OnSale', 'Paused', 'EventNotFound'] as const)
      expect(admissionFor(phase, true).waitingList).toBeUndefined();
  });

  it('counts as sold out only when every seat is paid for', () => {
    expect(isSoldOut({ seatsTotal: 2000, seatsSold: 2000, seatsHeld: 0 })).toBe(true);
    expect(isSoldOut({ seatsTotal: 2000, seatsSold: 1990, seatsHeld: 10 })).toBe(false);
    expect(isSoldOut({ seatsTotal: 0, seatsSold: 0, seatsHeld: 0 })).toBe(false);
    expect(isSoldOut(undefined)).toBe(false);
  });
});
