'use client';

import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { EventDetail } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { useEntryPass } from './entry-pass';
import { ProblemNotice } from './problem-notice';
import { SeatPicker } from './seat-picker';
import { StandingPicker } from './standing-picker';

const text = bilingual({
  ko: {
    preparing: '예매 화면을 준비하는 중입니다…',
    pickSeats: '좌석을 선택해 주세요',
    pickTickets: '티켓 종류와 수량을 선택해 주세요',
    performance: '회차',
  },
  en: {
    preparing: 'Getting the booking page ready…',
    pickSeats: 'Pick your seats',
    pickTickets: 'Pick a ticket type and how many',
    performance: 'Performance',
  },
});

/** The seat map of a seated show, or the ticket types of a standing one. */
export function BookingView({ eventId }: { eventId: string }) {
  const { admitted } = useEntryPass(eventId);
  const locale = useLocale();
  const t = text[locale];
  const [event, setEvent] = useState<EventDetail | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [performanceId, setPerformanceId] = useState<string | undefined>();

  useEffect(() => {
    api.catalog
      .event(eventId)
      .then((found) => {
        setEvent(found);
        setPerformanceId(found.performances[0]?.id);
      })
      .catch((error: unknown) => setProblem(describeError(error, {}, locale)));
  }, [eventId, locale]);

  if (problem) return <ProblemNotice problem={problem} />;
  if (!event || !admitted) return <p className="loading">{t.preparing}</p>;

  return (
    <section className="booking">
      <header className="booking-header">
        <h1 lang={writtenIn(event.title)}>{event.title}</h1>
        <p className="muted">
          {event.venue.name} · {event.kind === 'seated' ? t.pickSeats : t.pickTickets}
        </p>
        {event.performances.length > 1 ? (
          <label className="field inline">
            <span>{t.performance}</span>
            <select value={performanceId} onChange={(change) => setPerformanceId(change.target.value)}>
              {event.performances.map((performance) => (
                <option key={performance.id} value={performance.id}>
                  {formatDateTime(performance.startsAt, locale)}
                </option>
              ))}
            </select>
          </label>
        ) : event.performances[0] ? (
          <p>{formatDateTime(event.performances[0].startsAt, locale)}</p>
        ) : null}
      </header>
      {event.kind === 'seated' ? (
        <SeatPicker eventId={eventId} performanceId={performanceId} currency={event.priceRange.currency} />
      ) : (
        <StandingPicker
          eventId={eventId}
          performanceId={performanceId}
          currency={event.priceRange.currency}
        />
      )}
    </section>
  );
}
