'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import { ProblemNotice } from './problem-notice';
import { useSession } from './session';

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
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const other = `${registering ? '/login' : '/register'}?returnTo=${encodeURIComponent(returnTo)}`;
  return (
    <section className="panel narrow">
      <h1>{registering ? '회원가입' : '로그인'}</h1>
      <form className="auth-form" onSubmit={submit}>
        <label className="field">
          <span>이메일</span>
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
          <span>비밀번호{registering ? ' (10자 이상)' : ''}</span>
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
            <span>이름 (선택)</span>
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
          {busy ? '잠시만요…' : registering ? '가입하기' : '로그인'}
        </button>
      </form>
      <p className="muted">
        {registering ? '이미 계정이 있으신가요? ' : '처음이신가요? '}
        <Link href={other}>{registering ? '로그인' : '회원가입'}</Link>
      </p>
    </section>
  );
}
