'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { LanguageSwitch } from './language-switch';
import { useSession } from './session';

const text = bilingual({
  ko: {
    brand: '티켓',
    menu: '주 메뉴',
    events: '공연',
    artists: '아티스트',
    reservations: '내 예매',
    myPage: '마이페이지',
    admin: '관리자',
    checkIn: '입장 확인',
    signedIn: (name: string) => `${name}님`,
    signOut: '로그아웃',
    signIn: '로그인',
    register: '회원가입',
  },
  en: {
    brand: 'Tickets',
    menu: 'Main menu',
    events: 'Events',
    artists: 'Artists',
    reservations: 'My bookings',
    myPage: 'My page',
    admin: 'Admin',
    checkIn: 'Check-in',
    signedIn: (name: string) => name,
    signOut: 'Sign out',
    signIn: 'Sign in',
    register: 'Sign up',
  },
});

export function SiteHeader() {
  const { account, setAccount } = useSession();
  const t = text[useLocale()];
  const router = useRouter();

  const signOut = async () => {
    await api.auth.logout().catch(() => undefined);
    setAccount(null);
    router.push('/');
    router.refresh();
  };

  return (
    <header className="site-header">
      <Link href="/" className="brand">
        URR <span>{t.brand}</span>
      </Link>
      <nav className="site-nav" aria-label={t.menu}>
        <Link href="/">{t.events}</Link>
        <Link href="/artists">{t.artists}</Link>
        {account ? <Link href="/my/reservations">{t.reservations}</Link> : null}
        {account ? <Link href="/my">{t.myPage}</Link> : null}
        {account?.role === 'admin' ? <Link href="/admin">{t.admin}</Link> : null}
        {account?.role === 'staff' || account?.role === 'admin' ? (
          <Link href="/staff/check-in">{t.checkIn}</Link>
        ) : null}
      </nav>
      <LanguageSwitch />
      <div className="session-nav">
        {account === undefined ? null : account ? (
          <>
            <span className="who" data-testid="signed-in-as">
              {t.signedIn(account.displayName)}
            </span>
            <button type="button" className="link-button" onClick={signOut}>
              {t.signOut}
            </button>
          </>
        ) : (
          <>
            <Link href="/login">{t.signIn}</Link>
            <Link href="/register" className="button small">
              {t.register}
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
