import { describe, expect, it } from 'vitest';
import { sellThrough } from './admin-forms';
import {
  type GradeSalesSource,
  gradeSalesLines,
  gradeSalesTotal,
  gradeSellThroughChart,
} from './grade-sales';

const line = (fields: Partial<GradeSalesSource['salesByGrade'][number]>) => ({
  kind: 'grade' as const,
  id: crypto.randomUUID(),
  name: 'R',
  price: 100_000,
  performanceId: null,
  seatsTotal: 0,
  seatsSold: 0,
  seatsHeld: 0,
  seatsLeft: 0,
  takings: 0,
  ...fields,
});

const seated: GradeSalesSource = {
  performances: [{ id: 'show-1', startsAt: '2027-01-01T10:00:00Z' }],
  seatMap: {
    grades: [
      { name: 'VIP', price: 150_000 },
      { name: 'R', price: 100_000 },
      { name: 'S', price: 50_000 },
    ],
  },
  salesByGrade: [
    line({ name: 'VIP', price: 150_000, seatsTotal: 4, seatsSold: 3, seatsLeft: 1, takings: 450_000 }),
    line({ name: 'R', seatsTotal: 5, seatsSold: 1, seatsHeld: 2, seatsLeft: 2, takings: 100_000 }),
    line({ name: 'S', price: 50_000, seatsTotal: 3, seatsLeft: 3 }),
  ],
};

describe('sales per grade', () => {
  it("gives each grade the seat maps' colour, dearest first, and its sell-through to one decimal", () => {
    const lines = gradeSalesLines(seated);
    expect(
      lines.map(({ name, colour, sellThroughPercent }) => ({ name, colour, sellThroughPercent })),
    ).toEqual([
      { name: 'VIP', colour: 0, sellThroughPercent: 75 },
      { name: 'R', colour: 1, sellThroughPercent: 20 },
      { name: 'S', colour: 2, sellThroughPercent: 0 },
    ]);
  });

  it('adds the grades up to the event: seats, takings and the sell-through of the whole', () => {
    expect(gradeSalesTotal(gradeSalesLines(seated))).toEqual({
      seatsTotal: 12,
      seatsSold: 4,
      seatsHeld: 2,
      seatsLeft: 6,
      sellThroughPercent: 33.3,
      takings: 550_000,
    });
    expect(gradeSalesTotal([]).sellThroughPercent).toBeNull();
    // 9 of 2,000 is 0.45%, which the event's sell-through card shows as 0.4%: the total row must too.
    const demo = gradeSalesLines({ ...seated, salesByGrade: [line({ seatsTotal: 2000, seatsSold: 9 })] });
    expect(gradeSalesTotal(demo).sellThroughPercent).toBe(Number.parseFloat(sellThrough(9, 2000)));
  });

  it('draws sell-through bars in the grade colours, ticket types in the chart colours', () => {
    const chart = gradeSellThroughChart(gradeSalesLines(seated), 'Sell-through by grade');
    expect(chart.unit).toBe('percent');
    expect(chart.bars[0]).toEqual({ name: 'VIP', value: 75, colour: 'var(--grade-0)' });
    const standing = gradeSellThroughChart(
      gradeSalesLines({
        performances: seated.performances,
        seatMap: { grades: [] },
        salesByGrade: [line({ kind: 'ticket-type', name: 'Floor', performanceId: 'show-1', seatsTotal: 0 })],
      }),
      'Sell-through by ticket type',
    );
    expect(standing.bars).toEqual([{ name: 'Floor', value: 0 }]);
  });

  it('names the performance of a standing ticket type only when the event has more than one, per language', () => {
    const twoShows: GradeSalesSource = {
      performances: [
        { id: 'show-1', startsAt: '2027-01-01T10:00:00Z' },
        { id: 'show-2', startsAt: '2027-01-02T10:00:00Z' },
      ],
      seatMap: { grades: [] },
      salesByGrade: [line({ kind: 'ticket-type', name: 'Floor', performanceId: 'show-2', seatsTotal: 10 })],
    };
    expect(gradeSalesLines(twoShows, 'ko')[0]?.performance).toContain('2027년 1월 2일');
    expect(gradeSalesLines(twoShows, 'en')[0]?.performance).toContain('January 2, 2027');
    expect(
      gradeSalesLines({ ...twoShows, performances: [twoShows.performances[1]!] })[0]?.performance,
    ).toBeUndefined();
  });
});
