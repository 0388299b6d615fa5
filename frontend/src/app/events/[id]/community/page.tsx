import type { Metadata } from 'next';
import Link from 'next/link';
import { CommunityPosts } from '@/components/community-posts';
import { EventTabs } from '@/components/event-tabs';
import styles from '@/components/fan-pages.module.css';
import { ProblemNotice } from '@/components/problem-notice';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import { loadPublicEvent } from '@/lib/api/server-event';

const text = bilingual({
  ko: {
    title: (event: string) => `${event} 커뮤니티`,
    fallbackTitle: '커뮤니티',
    suffix: '커뮤니티',
    intro: '공연을 기다리는 팬들과 이야기를 나눠 보세요.',
  },
  en: {
    title: (event: string) => `${event} community`,
    fallbackTitle: 'Community',
    suffix: 'community',
    intro: 'Talk with the fans waiting for this show.',
  },
});

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const result = await loadPublicEvent((await params).id);
  const t = text[await requestLocale()];
  return { title: 'event' in result ? t.title(result.event.title) : t.fallbackTitle };
}

export default async function EventCommunityPage({ params }: { params: Params }) {
  const result = await loadPublicEvent((await params).id);
  if ('problem' in result) return <ProblemNotice problem={result.problem} />;
  const { event } = result;
  const t = text[await requestLocale()];
  return (
    <section className={styles.stack}>
      <h1>
        <Link href={`/events/${event.id}`}>{event.title}</Link> {t.suffix}
      </h1>
      <EventTabs eventId={event.id} current="community" />
      <p className="muted">{t.intro}</p>
      <CommunityPosts eventId={event.id} />
    </section>
  );
}
