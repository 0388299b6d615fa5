/** The booking number a fan reads out: the reservation id's first 8 hex digits, in capitals, as 4-4. */
export function bookingNumber(reservationId: string): string {
  const hex = reservationId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

export interface CalendarEntry {
  /** Unique per booking: the reservation id. */
  readonly uid: string;
  readonly title: string;
  readonly startsAt: string;
  /** When the show ends; two hours after the start when the organiser did not say. */
  readonly endsAt?: string | null;
  readonly location?: string;
  readonly url?: string;
  readonly description?: string;
}

const twoHoursMs = 2 * 60 * 60 * 1000;

/** `20261205T190000Z`: an iCalendar UTC date-time. */
const icsTime = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Escapes TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
const icsText = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds content lines longer than 75 octets (RFC 5545 3.1) with CRLF and a space. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const charSize = new TextEncoder().encode(char).length;
    if (size + charSize > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += charSize;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A one-event iCalendar file (text/calendar) that phones and desktop calendars import. */
export function calendarFile(entry: CalendarEntry, now: Date = new Date()): string {
  const ends = entry.endsAt ?? new Date(new Date(entry.startsAt).getTime() + twoHoursMs).toISOString();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//URR//Tickets//KO',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${entry.uid}@urr`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(entry.startsAt)}`,
    `DTEND:${icsTime(ends)}`,
    `SUMMARY:${icsText(entry.title)}`,
    ...(entry.location ? [`LOCATION:${icsText(entry.location)}`] : []),
    ...(entry.description ? [`DESCRIPTION:${icsText(entry.description)}`] : []),
    ...(entry.url ? [`URL:${entry.url}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
