'use client';

import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import type { EventDetail, Reservation } from '@/lib/api/types';
import { formatDateTime, formatMoney, reservationStatusLabels } from '@/lib/format';
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

export function ReservationSummary({ reservation }: { reservation: Reservation }) {
  const event = useEvent(reservation.eventId);
  const performance = event?.performances.find((show) => show.id === reservation.performanceId);
  return (
    <div className="reservation-summary">
      <h3>{event?.title ?? '공연'}</h3>
      <p className="muted">
        {event ? `${event.venue.name} · ` : ''}
        {formatDateTime(performance?.startsAt ?? event?.firstPerformanceAt)}
      </p>
      {reservation.kind === 'seat' ? (
        <ul className="plain">
          {reservation.seats.map((seat) => (
            <li key={seat.seatId}>
              {seatLabel(seat)} <span className="muted">{seat.grade}석</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>스탠딩 {reservation.ticketCount}매</p>
      )}
      <p>
        <span className={`status reservation-${reservation.status}`} data-testid="reservation-status">
          {reservationStatusLabels[reservation.status] ?? reservation.status}
        </span>{' '}
        <strong>{formatMoney(reservation.amount, reservation.currency)}</strong>
      </p>
      <p className="muted small">
        예매번호{' '}
        <strong className="booking-number" title={reservation.id} data-testid="booking-number">
          {bookingNumber(reservation.id)}
        </strong>
      </p>
    </div>
  );
}
