import { describe, expect, it } from 'vitest';
import { parseSeatMap, parseTicketTypes } from './event-setup';

describe('admin event set-up', () => {
  it('expands "section, rows, seats, grade" lines into the seat map ticket-service takes', () => {
    const parsed = parseSeatMap('VIP 198,000\nR 165000', 'Floor, 2, 20, VIP\n# comment\nLower, 1, 30, R');
    expect(parsed).toEqual({
      ok: true,
      value: {
        grades: [
          { name: 'VIP', price: 198_000 },
          { name: 'R', price: 165_000 },
        ],
        sections: [
          {
            name: 'Floor',
            rows: [
              { label: '1', seats: 20, grade: 'VIP' },
              { label: '2', seats: 20, grade: 'VIP' },
            ],
          },
          { name: 'Lower', rows: [{ label: '1', seats: 30, grade: 'R' }] },
        ],
      },
    });
  });

  it('names the wrong line', () => {
    const unknownGrade = parseSeatMap('VIP 1000', 'Floor, 2, 20, R');
    expect(unknownGrade.ok).toBe(false);
    if (!unknownGrade.ok) expect(unknownGrade.error).toContain('R');
    const badTicket = parseTicketTypes('스탠딩 A, 88000, many, 4');
    expect(badTicket.ok).toBe(false);
    if (!badTicket.ok) expect(badTicket.error).toContain('1번째 줄');
    expect(parseTicketTypes('스탠딩 A, 88000, 500, 4')).toEqual({
      ok: true,
      value: [{ name: '스탠딩 A', price: 88_000, quantity: 500, perUserLimit: 4 }],
    });
  });

  it('names the wrong line in English too', () => {
    expect(parseSeatMap('VIP 1000', 'Floor, 2, 20, R', 'en')).toEqual({
      ok: false,
      error: 'Section Floor: grade R is not on the grade list.',
    });
    expect(parseSeatMap('VIP', '', 'en')).toEqual({
      ok: false,
      error: 'Grades, line 1 "VIP": write "name price".',
    });
    expect(parseTicketTypes('', 'en')).toEqual({ ok: false, error: 'Enter at least one ticket type.' });
  });
});
