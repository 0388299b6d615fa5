import Link from 'next/link';
import type { EventSummary } from '@/lib/api/types';
import { eventStatusLabels, formatDateTime, formatPriceRange } from '@/lib/format';

export function EventCard({ event }: { event: EventSummary }) {
  return (
    <Link href={`/events/${event.id}`} className="event-card" data-testid="event-card">
      <div className={`poster poster-${event.kind}`} aria-hidden="true">
        <span>{event.artist.name.slice(0, 1)}</span>
      </div>
      <div className="event-card-body">
        <span className={`status status-${event.status}`}>
          {eventStatusLabels[event.status] ?? event.status}
        </span>
        <h2>{event.title}</h2>
        <p className="muted">
          {event.artist.name} · {event.venue.name}
          {event.venue.city ? ` (${event.venue.city})` : ''}
        </p>
        <p>{formatDateTime(event.firstPerformanceAt)}</p>
        <p className="price">{formatPriceRange(event.priceRange)}</p>
      </div>
    </Link>
  );
}
