'use client';

import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { EventDetail, Reservation } from '@/lib/api/types';
import { formatDateTime, formatMoney, reservationStatusLabelsIn } from '@/lib/format';
import { seatLabel } from '@/lib/seat-map';
import { bookingNumber } from '@/lib/ticket-extras';

const events = new Map<string, Promise<EventDetail | undefined>>();

/** The catalogue's entry of an event, fetched once per page load. */
export function useEvent(eventId: string | undefined): EventDetail | undefined {
  const [event, setEvent] = useState<EventDetail | undefined>();
  useEffect(() => {
    if (!eventId) return;
    let found = events.get(eventId);
    if (!found) {
      found = api.catalog.event(eventId).catch(() => undefined);
      events.set(eventId, found);
    }
    let current = true;
    void found.then((value) => {
      if (current) setEvent(value);
    });
    return () => {
      current = false;
    };
  }, [eventId]);
  return event;
}

const text = bilingual({
  ko: {
    event: '공연',
    grade: (grade: string) => `${grade}석`,
    standing: (count: number) => `스탠딩 ${count}매`,
    number: '예매번호',
  },
  en: {
    event: 'Event',
    grade: (grade: string) => grade,
    standing: (count: number) => `Standing × ${count}`,
    number: 'Booking no.',
  },
});

export function ReservationSummary({ reservation }: { reservation: Reservation }) {
  const event = useEvent(reservation.eventId);
  const locale = useLocale();
  const t = text[locale];
  const performance = event?.performances.find((show) => show.id === reservation.performanceId);
  return (
    <div className="reservation-summary">
      <h3 lang={writtenIn(event?.title)}>{event?.title ?? t.event}</h3>
      <p className="muted">
        {event ? (
          <>
            <span lang={writtenIn(event.venue.name)}>{event.venue.name}</span> ·{' '}
          </>
        ) : null}
        {formatDateTime(performance?.startsAt ?? event?.firstPerformanceAt, locale)}
      </p>
      {reservation.kind === 'seat' ? (
        <ul className="plain">
          {reservation.seats.map((seat) => (
            <li key={seat.seatId}>
              <span lang={writtenIn(seat.section)}>{seatLabel(seat, locale)}</span>{' '}
              <span className="muted" lang={writtenIn(seat.grade)}>
                {t.grade(seat.grade)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.standing(reservation.ticketCount)}</p>
      )}
      <p>
        <span className={`status reservation-${reservation.status}`} data-testid="reservation-status">
          {reservationStatusLabelsIn(locale)[reservation.status] ?? reservation.status}
        </span>{' '}
        <strong>{formatMoney(reservation.amount, reservation.currency, locale)}</strong>
      </p>
      <p className="muted small">
        {t.number}{' '}
        <strong className="booking-number" title={reservation.id} data-testid="booking-number">
          {bookingNumber(reservation.id)}
        </strong>
      </p>
    </div>
  );
}
