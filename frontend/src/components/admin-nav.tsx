'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './organiser.module.css';

const text = {
  label: '관리 메뉴',
  links: [
    ['/admin', '판매 현황'],
    ['/admin/events/new', '공연 등록'],
    ['/admin/venues', '공연장'],
    ['/admin/memberships', '팬클럽 멤버십'],
    ['/admin/moderation', '커뮤니티 관리'],
  ],
} as const;

/** The organisers' pages, one line of links above each of them. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label={text.label}>
      <ul className={styles.nav}>
        {text.links.map(([href, label]) => (
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
