import Link from 'next/link';
import { bilingual } from '@/i18n/locale';
import { requestLocale } from '@/i18n/server';
import styles from './fan-pages.module.css';

const text = bilingual({
  ko: { nav: '공연 메뉴', info: '공연 정보', community: '커뮤니티', reviews: '관람 후기' },
  en: { nav: 'Event menu', info: 'Details', community: 'Community', reviews: 'Reviews' },
});

export type EventTab = 'info' | 'community' | 'reviews';

/** The event's pages: details and booking, the fans' posts, and reviews (server-rendered, no script). */
export async function EventTabs({ eventId, current }: { eventId: string; current: EventTab }) {
  const t = text[await requestLocale()];
  const base = `/events/${eventId}`;
  const tabs: [EventTab, string, string][] = [
    ['info', base, t.info],
    ['community', `${base}/community`, t.community],
    ['reviews', `${base}/reviews`, t.reviews],
  ];
  return (
    <nav className={styles.eventTabs} aria-label={t.nav}>
      {tabs.map(([tab, href, label]) => (
        <Link key={tab} href={href} aria-current={tab === current ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
