import Link from 'next/link';
import styles from './fan-pages.module.css';

const text = {
  nav: '공연 메뉴',
  info: '공연 정보',
  community: '커뮤니티',
  reviews: '관람 후기',
} as const;

export type EventTab = 'info' | 'community' | 'reviews';

/** The event's pages: details and booking, the fans' posts, and reviews. */
export function EventTabs({ eventId, current }: { eventId: string; current: EventTab }) {
  const base = `/events/${eventId}`;
  const tabs: [EventTab, string, string][] = [
    ['info', base, text.info],
    ['community', `${base}/community`, text.community],
    ['reviews', `${base}/reviews`, text.reviews],
  ];
  return (
    <nav className={styles.eventTabs} aria-label={text.nav}>
      {tabs.map(([tab, href, label]) => (
        <Link key={tab} href={href} aria-current={tab === current ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
