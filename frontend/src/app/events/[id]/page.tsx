import type { Metadata } from 'next';
import Link from 'next/link';
import { BookButton } from '@/components/book-button';
import { EventTabs } from '@/components/event-tabs';
import { PresaleSchedule } from '@/components/presale-schedule';
import { ProblemNotice } from '@/components/problem-notice';
import { loadPublicEvent } from '@/lib/api/server-event';
import { eventStatusLabels, formatDateTime, formatPriceRange } from '@/lib/format';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await loadPublicEvent(id);
  return { title: 'event' in result ? result.event.title : '공연' };
}

export default async function EventPage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await loadPublicEvent(id);
  if ('problem' in result) return <ProblemNotice problem={result.problem} />;
  const { event } = result;

  return (
    <article className="event-detail">
      <div className={`poster large poster-${event.kind}`} aria-hidden="true">
        <span>{event.artist.name.slice(0, 1)}</span>
      </div>
      <div className="event-info">
        <span className={`status status-${event.status}`}>
          {eventStatusLabels[event.status] ?? event.status}
        </span>
        <h1>{event.title}</h1>
        <EventTabs eventId={event.id} current="info" />
        <dl className="facts">
          <dt>아티스트</dt>
          <dd>
            <Link href={`/artists/${event.artist.id}`}>{event.artist.name}</Link>
          </dd>
          <dt>공연장</dt>
          <dd>
            {event.venue.name}
            {event.venue.city ? ` (${event.venue.city})` : ''}
          </dd>
          <dt>공연 일시</dt>
          <dd>
            <ul className="plain">
              {event.performances.length === 0 ? <li>미정</li> : null}
              {event.performances.map((performance) => (
                <li key={performance.id}>{formatDateTime(performance.startsAt)}</li>
              ))}
            </ul>
          </dd>
          <dt>좌석</dt>
          <dd>{event.kind === 'seated' ? '지정석' : '스탠딩'}</dd>
          <dt>가격</dt>
          <dd>{formatPriceRange(event.priceRange)}</dd>
          <dt>예매 기간</dt>
          <dd>
            {formatDateTime(event.salesOpenAt)} ~ {formatDateTime(event.salesCloseAt)}
          </dd>
          {event.organiser.displayName ? (
            <>
              <dt>주최</dt>
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
        <PresaleSchedule eventId={event.id} artistId={event.artist.id} />
        {event.description ? <p className="description">{event.description}</p> : null}
      </div>
    </article>
  );
}
