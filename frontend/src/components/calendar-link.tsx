'use client';

import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import type { Reservation } from '@/lib/api/types';
import { calendarFile } from '@/lib/ticket-extras';
import { useEvent } from './reservation-summary';

const text = bilingual({ ko: { add: '캘린더에 추가' }, en: { add: 'Add to calendar' } });

/** "캘린더에 추가": the show as an .ics file the phone's calendar imports. */
export function CalendarLink({ reservation }: { reservation: Reservation }) {
  const event = useEvent(reservation.eventId);
  const t = text[useLocale()];
  const performance = event?.performances.find((show) => show.id === reservation.performanceId);
  const startsAt = performance?.startsAt ?? event?.firstPerformanceAt;
  if (!event || !startsAt) return null;
  const file = calendarFile({
    uid: reservation.id,
    title: event.title,
    startsAt,
    location: event.venue.name,
    url: `${window.location.origin}/my/reservations`,
  });
  return (
    <a
      className="button secondary"
      href={`data:text/calendar;charset=utf-8,${encodeURIComponent(file)}`}
      download={`urr-${reservation.id.slice(0, 8)}.ics`}
      data-testid="calendar-link"
    >
      {t.add}
    </a>
  );
}
