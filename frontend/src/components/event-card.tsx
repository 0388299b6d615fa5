import Link from 'next/link';
import type { Locale } from '@/i18n/locale';
import { writtenIn } from '@/i18n/written-in';
import type { EventSummary } from '@/lib/api/types';
import { eventStatusLabelsIn, formatDateTime, formatPriceRange } from '@/lib/format';

export function EventCard({ event, locale = 'ko' }: { event: EventSummary; locale?: Locale }) {
  return (
    <Link href={`/events/${event.id}`} className="event-card" data-testid="event-card">
      <div className={`poster poster-${event.kind}`} aria-hidden="true">
        <span>{event.artist.name.slice(0, 1)}</span>
      </div>
      <div className="event-card-body">
        <span className={`status status-${event.status}`}>
          {eventStatusLabelsIn(locale)[event.status] ?? event.status}
        </span>
        <h2 lang={writtenIn(event.title)}>{event.title}</h2>
        <p className="muted">
          <span lang={writtenIn(event.artist.name)}>{event.artist.name}</span> ·{' '}
          <span lang={writtenIn(event.venue.name)}>{event.venue.name}</span>
          {event.venue.city ? ` (${event.venue.city})` : ''}
        </p>
        <p>{formatDateTime(event.firstPerformanceAt, locale)}</p>
        <p className="price">{formatPriceRange(event.priceRange, locale)}</p>
      </div>
    </Link>
  );
}
