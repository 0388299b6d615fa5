import { describe, expect, it } from 'vitest';
import { saleReport } from './sale-report.js';
import { csvCell, saleReportCsv } from './sale-report-csv.js';

describe('the sale report as CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas, leaving numbers alone', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1+1')).toBe("'-1+1");
  });

  it('writes one row per bucket, and the summary one figure per row', () => {
    const at = Date.UTC(2026, 10, 7, 12, 0, 30);
    const report = saleReport(
      {
        line: [
          {
            kind: 'arrived',
            userId: 'a',
            arrival: 1,
            sequence: 1,
            admittedAtOnce: false,
            wasAdmitted: null,
            at,
          },
        ],
        samples: [],
        money: [{ kind: 'refunded', tickets: 0, amount: 5000, currency: 'KRW', at }],
      },
      { eventId: '=evil', bucketMs: 60_000, fairnessBound: 0 },
    );
    expect(saleReportCsv(report, 'series').split('\r\n')).toEqual([
      'bucketStart,arrivals,admissions,leftWaiting,expired,ticketsBooked,revenue,servingCounter,highestPosition,waiting,active,maxUsers,seatsLeft',
      '2026-11-07T12:00:00.000Z,1,0,0,0,0,-5000,,,,,,',
      '',
    ]);
    const summary = saleReportCsv(report, 'summary');
    expect(summary).toMatch(/^figure,value\r\neventId,'=evil\r\n/);
    expect(summary).toContain('\r\nwaitP50Ms,\r\n');
    expect(summary).toContain('\r\nleftWaitingRate,0\r\n');
  });
});
