import { describe, expect, it } from 'vitest';
import { bookingNumber, calendarFile } from './ticket-extras';

describe('what a fan keeps after buying', () => {
  it('reads the booking number as 8 capital hex digits in two groups', () => {
    expect(bookingNumber('8357ecb1-0c2a-4d5e-9f00-123456789abc')).toBe('8357-ECB1');
  });

  it('writes a calendar entry with UTC times, escaped text and a two-hour default length', () => {
    const file = calendarFile(
      {
        uid: 'r-1',
        title: 'Symphony Night; Seoul, live',
        startsAt: '2026-12-24T10:00:00.000Z',
        location: 'Olympic Hall',
        url: 'http://127.0.0.1:8080/my/reservations',
      },
      new Date('2026-12-05T00:00:00Z'),
    );
    const lines = file.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART:20261224T100000Z');
    expect(lines).toContain('DTEND:20261224T120000Z');
    expect(lines).toContain('DTSTAMP:20261205T000000Z');
    expect(lines).toContain('SUMMARY:Symphony Night\\; Seoul\\, live');
    expect(lines).toContain('UID:r-1@urr');
    expect(file.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('uses the end the organiser gave and folds long lines at 75 octets without splitting a character', () => {
    const file = calendarFile({
      uid: 'r-2',
      title: '가'.repeat(40),
      startsAt: '2026-12-24T10:00:00Z',
      endsAt: '2026-12-24T13:30:00Z',
    });
    expect(file).toContain('DTEND:20261224T133000Z');
    const summary = file.slice(file.indexOf('SUMMARY:')).split('\r\nEND:VEVENT')[0]!;
    const physical = summary.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(physical.map((line, index) => (index === 0 ? line : line.slice(1))).join('')).toBe(
      `SUMMARY:${'가'.repeat(40)}`,
    );
  });
});
