'use client';

import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import styles from './fan-pages.module.css';
import { useSignedInAccount } from './use-signed-in-account';

const text = {
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
    ['/my/reservations', '내 예매', '결제, 취소, 양도하기'],
    ['/my/transfers', '양도 내역', '보낸 양도와 받은 양도, 양도 코드로 받기'],
    ['/my/memberships', '멤버십', '가입한 팬클럽과 등급'],
    ['/artists', '아티스트', '팬클럽 가입하기'],
  ],
} as const;

/** My page: the signed-in account (`GET /api/v1/auth/me`) and where to find my bookings, transfers and clubs. */
export function MyProfile() {
  const account = useSignedInAccount('/my');

  return (
    <section className={styles.stack}>
      <h1>{text.title}</h1>
      {!account ? (
        <p className="loading">{text.loading}</p>
      ) : (
        <section aria-labelledby="account-heading" className="panel">
          <h2 id="account-heading">{text.account}</h2>
          <dl className="facts" data-testid="my-account">
            <dt>{text.name}</dt>
            <dd>{account.displayName}</dd>
            <dt>{text.email}</dt>
            <dd>{account.email}</dd>
            <dt>{text.role}</dt>
            <dd>{text.roles[account.role]}</dd>
            <dt>{text.since}</dt>
            <dd>{formatDateTime(account.createdAt)}</dd>
          </dl>
        </section>
      )}
      <nav aria-labelledby="my-menu-heading">
        <h2 id="my-menu-heading">{text.menu}</h2>
        <ul className={styles.cards}>
          {text.links.map(([href, label, hint]) => (
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
