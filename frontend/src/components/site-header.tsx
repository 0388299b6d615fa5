'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { api } from '@/lib/api/browser';
import { useSession } from './session';

export function SiteHeader() {
  const { account, setAccount } = useSession();
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
        URR <span>티켓</span>
      </Link>
      <nav className="site-nav" aria-label="주 메뉴">
        <Link href="/">공연</Link>
        <Link href="/artists">아티스트</Link>
        {account ? <Link href="/my/reservations">내 예매</Link> : null}
        {account ? <Link href="/my">마이페이지</Link> : null}
        {account?.role === 'admin' ? <Link href="/admin">관리자</Link> : null}
      </nav>
      <div className="session-nav">
        {account === undefined ? null : account ? (
          <>
            <span className="who" data-testid="signed-in-as">
              {account.displayName}님
            </span>
            <button type="button" className="link-button" onClick={signOut}>
              로그아웃
            </button>
          </>
        ) : (
          <>
            <Link href="/login">로그인</Link>
            <Link href="/register" className="button small">
              회원가입
            </Link>
          </>
        )}
      </div>
    </header>
  );
}
