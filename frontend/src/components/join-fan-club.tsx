'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import type { Membership } from '@/lib/api/fan-types';
import { describeError, type Problem } from '@/lib/api/problem';
import { tierLabels } from '@/lib/presale';
import { ProblemNotice } from './problem-notice';
import { loginPath, useSession } from './session';

const text = {
  join: (artist: string) => `${artist} 팬클럽 가입`,
  joining: '가입하는 중…',
  member: (tier: string) => `팬클럽 회원 · ${tier} 등급`,
  signIn: '로그인하고 팬클럽 가입하기',
  presaleHint: '팬클럽 회원은 등급에 따라 일반 예매보다 먼저 예매할 수 있습니다.',
  myMemberships: '내 멤버십 보기',
} as const;

/** Joins the artist's fan club at the entry tier (`POST /api/v1/memberships`), or shows the fan's tier. */
export function JoinFanClub({ artistId, artistName }: { artistId: string; artistName: string }) {
  const { account } = useSession();
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
        if (live) setProblem(describeError(error));
      });
    return () => {
      live = false;
    };
  }, [account, artistId]);

  const join = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      setMembership(await api.memberships.join(artistId));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  if (account === undefined) return null;
  if (account === null)
    return (
      <p className="fan-club">
        <Link href={loginPath(`/artists/${artistId}`)}>{text.signIn}</Link>
      </p>
    );
  return (
    <div className="fan-club">
      {membership ? (
        <p className="success" role="status" data-testid="membership-tier">
          {text.member(tierLabels[membership.tier])} ·{' '}
          <Link href="/my/memberships">{text.myMemberships}</Link>
        </p>
      ) : membership === null ? (
        <>
          <button type="button" className="button" disabled={busy} onClick={() => void join()}>
            {busy ? text.joining : text.join(artistName)}
          </button>
          <p className="muted small">{text.presaleHint}</p>
        </>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </div>
  );
}
