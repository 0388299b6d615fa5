'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import type { Membership } from '@/lib/api/fan-types';
import { describeError, type Problem } from '@/lib/api/problem';
import { tierLabelsIn } from '@/lib/presale';
import { ProblemNotice } from './problem-notice';
import { loginPath, useSession } from './session';

const text = bilingual({
  ko: {
    join: (artist: React.ReactNode) => <>{artist} 팬클럽 가입</>,
    joining: '가입하는 중…',
    member: (tier: string) => `팬클럽 회원 · ${tier} 등급`,
    signIn: '로그인하고 팬클럽 가입하기',
    presaleHint: '팬클럽 회원은 등급에 따라 일반 예매보다 먼저 예매할 수 있습니다.',
    myMemberships: '내 멤버십 보기',
  },
  en: {
    join: (artist: React.ReactNode) => <>Join the {artist} fan club</>,
    joining: 'Joining…',
    member: (tier: string) => `Fan-club member · ${tier} tier`,
    signIn: 'Sign in to join the fan club',
    presaleHint: 'Fan-club members buy before the general sale, earlier the higher their tier.',
    myMemberships: 'My memberships',
  },
});

/** Joins the artist's fan club at the entry tier (`POST /api/v1/memberships`), or shows the fan's tier. */
export function JoinFanClub({ artistId, artistName }: { artistId: string; artistName: string }) {
  const { account } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const [membership, setMembership] = useState<Membership | null | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!account) return;
    let live = true;
    api.memberships
      .list()
      .then((page) => {
        if (live) setMembership(page.items.find((item) => item.artistId === artistId) ?? null);
      })
      .catch((error: unknown) => {
        if (live) setProblem(describeError(error, {}, locale));
      });
    return () => {
      live = false;
    };
  }, [account, artistId, locale]);

  const join = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setMembership(await api.memberships.join(artistId));
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  if (account === undefined) return null;
  if (account === null)
    return (
      <p className="fan-club">
        <Link href={loginPath(`/artists/${artistId}`)}>{t.signIn}</Link>
      </p>
    );
  return (
    <div className="fan-club">
      {membership ? (
        <p className="success" role="status" data-testid="membership-tier">
          {t.member(tierLabelsIn(locale)[membership.tier])} ·{' '}
          <Link href="/my/memberships">{t.myMemberships}</Link>
        </p>
      ) : membership === null ? (
        <>
          <button type="button" className="button" disabled={busy} onClick={() => void join()}>
            {busy ? t.joining : t.join(<span lang={writtenIn(artistName)}>{artistName}</span>)}
          </button>
          <p className="muted small">{t.presaleHint}</p>
        </>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </div>
  );
}
