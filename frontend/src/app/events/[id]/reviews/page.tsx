import type { Metadata } from 'next';
import Link from 'next/link';
import { EventReviews } from '@/components/event-reviews';
import { EventTabs } from '@/components/event-tabs';
import styles from '@/components/fan-pages.module.css';
import { ProblemNotice } from '@/components/problem-notice';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import { loadPublicEvent } from '@/lib/api/server-event';

const text = bilingual({
  ko: {
    title: (event: string) => `${event} 관람 후기`,
    fallbackTitle: '관람 후기',
    suffix: '관람 후기',
  },
  en: {
    title: (event: string) => `${event} reviews`,
    fallbackTitle: 'Reviews',
    suffix: 'reviews',
  },
});

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const result = await loadPublicEvent((await params).id);
  const t = text[await requestLocale()];
  return { title: 'event' in result ? t.title(result.event.title) : t.fallbackTitle };
}

export default async function EventReviewsPage({ params }: { params: Params }) {
  const result = await loadPublicEvent((await params).id);
  if ('problem' in result) return <ProblemNotice problem={result.problem} />;
  const { event } = result;
  const t = text[await requestLocale()];
  return (
    <section className={styles.stack}>
      <h1>
        <Link href={`/events/${event.id}`}>{event.title}</Link> {t.suffix}
      </h1>
      <EventTabs eventId={event.id} current="reviews" />
      <EventReviews eventId={event.id} />
    </section>
  );
}
