'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import { ProblemNotice } from './problem-notice';
import { useSession } from './session';

const text = {
  heading: '모든 기기에서 로그아웃',
  hint: '휴대폰이나 PC를 잃어버렸다면 눌러 주세요. 모든 기기의 로그인과 대기열 통과 정보가 무효가 되고, 이 기기에서도 다시 로그인해야 합니다.',
  button: '모든 기기에서 로그아웃',
  confirm: '모든 기기에서 로그아웃할까요? 대기 중인 순서와 입장 권한도 사라집니다.',
  working: '로그아웃하는 중…',
} as const;

/** Ends every session of the account and revokes its queue passes (`POST /api/v1/auth/logout-everywhere`). */
export function SignOutEverywhere() {
  const { setAccount } = useSession();
  const router = useRouter();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const signOutEverywhere = async () => {
    if (!window.confirm(text.confirm)) return;
    setWorking(true);
    setProblem(null);
    try {
      await api.auth.logoutEverywhere();
      setAccount(null);
      router.push('/');
      router.refresh();
    } catch (error) {
      setProblem(describeError(error));
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="sign-out-everywhere-heading" className="panel">
      <h2 id="sign-out-everywhere-heading">{text.heading}</h2>
      <p className="muted small">{text.hint}</p>
      <button
        type="button"
        className="button secondary"
        onClick={signOutEverywhere}
        disabled={working}
        data-testid="sign-out-everywhere"
      >
        {working ? text.working : text.button}
      </button>
      {problem ? <ProblemNotice problem={problem} /> : null}
    </section>
  );
}
