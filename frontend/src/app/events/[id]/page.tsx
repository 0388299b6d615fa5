import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BookButton } from '@/components/book-button';
import { ProblemNotice } from '@/components/problem-notice';
import { ApiProblem, describeError } from '@/lib/api/problem';
import { serverApi } from '@/lib/api/server';
import type { EventDetail } from '@/lib/api/types';
import { eventStatusLabels, formatDateTime, formatPriceRange } from '@/lib/format';

type Params = Promise<{ id: string }>;

async function load(
  id: string,
): Promise<{ event: EventDetail } | { problem: ReturnType<typeof describeError> }> {
  try {
    return { event: await serverApi().catalog.event(id) };
  } catch (error) {
    if (error instanceof ApiProblem && (error.status === 404 || error.status === 400)) notFound();
    return { problem: describeError(error) };
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await load(id);
  return { title: 'event' in result ? result.event.title : '공연' };
}

export default async function EventPage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await load(id);
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
        <dl className="facts">
          <dt>아티스트</dt>
          <dd>{event.artist.name}</dd>
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
        {event.description ? <p className="description">{event.description}</p> : null}
      </div>
    </article>
  );
}
