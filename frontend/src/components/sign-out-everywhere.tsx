'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import { ProblemNotice } from './problem-notice';
import { useSession } from './session';

const text = bilingual({
  ko: {
    heading: '모든 기기에서 로그아웃',
    hint: '휴대폰이나 PC를 잃어버렸다면 눌러 주세요. 모든 기기의 로그인과 대기열 통과 정보가 무효가 되고, 이 기기에서도 다시 로그인해야 합니다.',
    button: '모든 기기에서 로그아웃',
    confirm: '모든 기기에서 로그아웃할까요? 대기 중인 순서와 입장 권한도 사라집니다.',
    working: '로그아웃하는 중…',
  },
  en: {
    heading: 'Sign out everywhere',
    hint: 'Lost a phone or a computer? This ends every sign-in and every waiting-room or queue pass of your account, on this device too.',
    button: 'Sign out everywhere',
    confirm: 'Sign out on every device? Your places in line and entry passes go too.',
    working: 'Signing out…',
  },
});

/** Ends every session of the account and revokes its queue passes (`POST /api/v1/auth/logout-everywhere`). */
export function SignOutEverywhere() {
  const { setAccount } = useSession();
  const locale = useLocale();
  const t = text[locale];
  const router = useRouter();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const signOutEverywhere = async () => {
    if (!window.confirm(t.confirm)) return;
    setWorking(true);
    setProblem(null);
    try {
      await api.auth.logoutEverywhere();
      setAccount(null);
      router.push('/');
      router.refresh();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
      setWorking(false);
    }
  };

  return (
    <section aria-labelledby="sign-out-everywhere-heading" className="panel">
      <h2 id="sign-out-everywhere-heading">{t.heading}</h2>
      <p className="muted small">{t.hint}</p>
      <button
        type="button"
        className="button secondary"
        onClick={signOutEverywhere}
        disabled={working}
        data-testid="sign-out-everywhere"
      >
        {working ? t.working : t.button}
      </button>
      {problem ? <ProblemNotice problem={problem} /> : null}
    </section>
  );
}
