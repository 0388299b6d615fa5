'use client';

import Link from 'next/link';
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
    register: '회원가입',
    signIn: '로그인',
    email: '이메일',
    password: '비밀번호',
    passwordRule: ' (10자 이상)',
    name: '이름 (선택)',
    wait: '잠시만요…',
    join: '가입하기',
    haveAccount: '이미 계정이 있으신가요? ',
    newHere: '처음이신가요? ',
  },
  en: {
    register: 'Sign up',
    signIn: 'Sign in',
    email: 'Email',
    password: 'Password',
    passwordRule: ' (10 characters or more)',
    name: 'Name (optional)',
    wait: 'One moment…',
    join: 'Create account',
    haveAccount: 'Already have an account? ',
    newHere: 'New here? ',
  },
});

/** Sign in or register; auth-service sets the HttpOnly session cookies through the gateway. */
export function AuthForm({ mode, returnTo }: { mode: 'login' | 'register'; returnTo: string }) {
  const router = useRouter();
  const { setAccount } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  const registering = mode === 'register';
  const locale = useLocale();
  const t = text[locale];

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const session = registering
        ? await api.auth.register({
            email,
            password,
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
          })
        : await api.auth.login({ email, password });
      setAccount(session.account);
      router.replace(returnTo);
      router.refresh();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  const other = `${registering ? '/login' : '/register'}?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <section className="panel narrow">
      <h1>{registering ? t.register : t.signIn}</h1>
      <form className="auth-form" onSubmit={submit}>
        <label className="field">
          <span>{t.email}</span>
          <input
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(change) => setEmail(change.target.value)}
            required
          />
        </label>
        <label className="field">
          <span>
            {t.password}
            {registering ? t.passwordRule : ''}
          </span>
          <input
            type="password"
            name="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            minLength={registering ? 10 : 1}
            value={password}
            onChange={(change) => setPassword(change.target.value)}
            required
          />
        </label>
        {registering ? (
          <label className="field">
            <span>{t.name}</span>
            <input
              name="displayName"
              autoComplete="nickname"
              maxLength={80}
              value={displayName}
              onChange={(change) => setDisplayName(change.target.value)}
            />
          </label>
        ) : null}
        {problem ? <ProblemNotice problem={problem} /> : null}
        <button type="submit" className="button wide" disabled={busy}>
          {busy ? t.wait : registering ? t.join : t.signIn}
        </button>
      </form>
      <p className="muted">
        {registering ? t.haveAccount : t.newHere}
        <Link href={other}>{registering ? t.signIn : t.register}</Link>
      </p>
    </section>
  );
}
