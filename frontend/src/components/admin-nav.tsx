'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import styles from './organiser.module.css';

const text = bilingual({
  ko: {
    label: '관리 메뉴',
    links: [
      ['/admin', '판매 현황'],
      ['/admin/events/new', '공연 등록'],
      ['/admin/venues', '공연장'],
      ['/admin/memberships', '팬클럽 멤버십'],
      ['/admin/moderation', '커뮤니티 관리'],
    ] as readonly (readonly [string, string])[],
  },
  en: {
    label: 'Admin menu',
    links: [
      ['/admin', 'Sales'],
      ['/admin/events/new', 'New event'],
      ['/admin/venues', 'Venues'],
      ['/admin/memberships', 'Fan-club memberships'],
      ['/admin/moderation', 'Moderation'],
    ],
  },
});

/** The organisers' pages, one line of links above each of them. */
export function AdminNav() {
  const pathname = usePathname();
  const t = text[useLocale()];
  return (
    <nav aria-label={t.label}>
      <ul className={styles.nav}>
        {t.links.map(([href, label]) => (
          <li key={href}>
            <Link href={href} aria-current={pathname === href ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
