import type { Metadata } from 'next';
import Link from 'next/link';
import { BookButton } from '@/components/book-button';
import { EventTabs } from '@/components/event-tabs';
import { PresaleSchedule } from '@/components/presale-schedule';
import { ProblemNotice } from '@/components/problem-notice';
import { WaitingListJoin } from '@/components/waiting-list-join';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import { writtenIn } from '@/i18n/written-in';
import { loadPublicEvent } from '@/lib/api/server-event';
import { eventStatusLabelsIn, formatDateTime, formatPriceRange } from '@/lib/format';

const text = bilingual({
  ko: {
    event: '공연',
    artist: '아티스트',
    venue: '공연장',
    dates: '공연 일시',
    toBeAnnounced: '미정',
    seating: '좌석',
    seated: '지정석',
    standing: '스탠딩',
    price: '가격',
    sale: '예매 기간',
    organiser: '주최',
  },
  en: {
    event: 'Event',
    artist: 'Artist',
    venue: 'Venue',
    dates: 'Dates',
    toBeAnnounced: 'To be announced',
    seating: 'Seating',
    seated: 'Reserved seats',
    standing: 'Standing',
    price: 'Price',
    sale: 'On sale',
    organiser: 'Organiser',
  },
});

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await loadPublicEvent(id);
  return { title: 'event' in result ? result.event.title : text[await requestLocale()].event };
}

export default async function EventPage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await loadPublicEvent(id);
  if ('problem' in result) return <ProblemNotice problem={result.problem} />;
  const { event } = result;
  const locale = await requestLocale();
  const t = text[locale];

  return (
    <article className="event-detail">
      <div className={`poster large poster-${event.kind}`} aria-hidden="true">
        <span>{event.artist.name.slice(0, 1)}</span>
      </div>
      <div className="event-info">
        <span className={`status status-${event.status}`}>
          {eventStatusLabelsIn(locale)[event.status] ?? event.status}
        </span>
        <h1 lang={writtenIn(event.title)}>{event.title}</h1>
        <EventTabs eventId={event.id} current="info" />
        <dl className="facts">
          <dt>{t.artist}</dt>
          <dd>
            <Link href={`/artists/${event.artist.id}`} lang={writtenIn(event.artist.name)}>
              {event.artist.name}
            </Link>
          </dd>
          <dt>{t.venue}</dt>
          <dd lang={writtenIn(event.venue.name)}>
            {event.venue.name}
            {event.venue.city ? ` (${event.venue.city})` : ''}
          </dd>
          <dt>{t.dates}</dt>
          <dd>
            <ul className="plain">
              {event.performances.length === 0 ? <li>{t.toBeAnnounced}</li> : null}
              {event.performances.map((performance) => (
                <li key={performance.id}>{formatDateTime(performance.startsAt, locale)}</li>
              ))}
            </ul>
          </dd>
          <dt>{t.seating}</dt>
          <dd>{event.kind === 'seated' ? t.seated : t.standing}</dd>
          <dt>{t.price}</dt>
          <dd>{formatPriceRange(event.priceRange, locale)}</dd>
          <dt>{t.sale}</dt>
          <dd>
            {formatDateTime(event.salesOpenAt, locale)} ~ {formatDateTime(event.salesCloseAt, locale)}
          </dd>
          {event.organiser.displayName ? (
            <>
              <dt>{t.organiser}</dt>
              <dd>{event.organiser.displayName}</dd>
            </>
          ) : null}
        </dl>
        <BookButton
          eventId={event.id}
          eventTitle={event.title}
          status={event.status}
          salesOpenAt={event.salesOpenAt}
        />
        <WaitingListJoin eventId={event.id} kind={event.kind} performanceId={event.performances[0]?.id} />
        <PresaleSchedule eventId={event.id} artistId={event.artist.id} />
        {event.description ? <p className="description">{event.description}</p> : null}
      </div>
    </article>
  );
}
