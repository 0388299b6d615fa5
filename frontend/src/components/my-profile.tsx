'use client';

import Link from 'next/link';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { formatDateTime } from '@/lib/format';
import styles from './fan-pages.module.css';
import { useSignedInAccount } from './use-signed-in-account';

const text = bilingual({
  ko: {
    title: '마이페이지',
    loading: '계정 정보를 불러오는 중…',
    account: '내 계정',
    name: '이름',
    email: '이메일',
    since: '가입일',
    role: '계정 유형',
    roles: { user: '일반 회원', staff: '입장 스태프', admin: '관리자' },
    menu: '바로 가기',
    links: [
      { href: '/my/reservations', label: '내 예매', hint: '모바일 티켓, 결제, 취소, 양도하기' },
      { href: '/my/waiting-list', label: '취소표 대기', hint: '내 대기 순서, 나를 위해 잡아 둔 좌석 결제' },
      { href: '/my/transfers', label: '양도 내역', hint: '보낸 양도와 받은 양도, 양도 코드로 받기' },
      { href: '/my/memberships', label: '멤버십', hint: '가입한 팬클럽과 등급' },
      { href: '/artists', label: '아티스트', hint: '팬클럽 가입하기' },
    ],
  },
  en: {
    title: 'My page',
    loading: 'Loading your account…',
    account: 'My account',
    name: 'Name',
    email: 'Email',
    since: 'Member since',
    role: 'Account type',
    roles: { user: 'Fan', staff: 'Door staff', admin: 'Admin' },
    menu: 'Shortcuts',
    links: [
      { href: '/my/reservations', label: 'My bookings', hint: 'Mobile tickets; pay, cancel, transfer' },
      {
        href: '/my/waiting-list',
        label: 'Waiting lists',
        hint: 'Your place in line; pay for seats held for you',
      },
      { href: '/my/transfers', label: 'Transfers', hint: 'Sent and received; claim one with its code' },
      { href: '/my/memberships', label: 'Memberships', hint: 'My fan clubs and tiers' },
      { href: '/artists', label: 'Artists', hint: 'Join a fan club' },
    ],
  },
});

/** My page: the signed-in account (`GET /api/v1/auth/me`) and where to find my bookings and tickets, waiting lists, transfers and clubs. */
export function MyProfile() {
  const account = useSignedInAccount('/my');
  const locale = useLocale();
  const t = text[locale];

  return (
    <section className={styles.stack}>
      <h1>{t.title}</h1>
      {!account ? (
        <p className="loading">{t.loading}</p>
      ) : (
        <section aria-labelledby="account-heading" className="panel">
          <h2 id="account-heading">{t.account}</h2>
          <dl className="facts" data-testid="my-account">
            <dt>{t.name}</dt>
            <dd>{account.displayName}</dd>
            <dt>{t.email}</dt>
            <dd>{account.email}</dd>
            <dt>{t.role}</dt>
            <dd>{t.roles[account.role]}</dd>
            <dt>{t.since}</dt>
            <dd>{formatDateTime(account.createdAt, locale)}</dd>
          </dl>
        </section>
      )}
      <nav aria-labelledby="my-menu-heading">
        <h2 id="my-menu-heading">{t.menu}</h2>
        <ul className={styles.cards}>
          {t.links.map(({ href, label, hint }) => (
            <li key={href}>
              <Link href={href} className={styles.card}>
                <strong>{label}</strong>
                <span className="muted small">{hint}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}
