'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '@/lib/api/browser';
import { ApiProblem } from '@/lib/api/problem';
import type { Account } from '@/lib/api/types';
import { hasSessionHint } from '@/lib/session-hint';

interface SessionValue {
  /** undefined while loading, null when signed out. */
  readonly account: Account | null | undefined;
  readonly setAccount: (account: Account | null) => void;
  readonly reload: () => Promise<Account | null>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** Who is signed in, from `GET /api/v1/auth/me` (the session cookies are HttpOnly), asked only with a session hint. */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);

  const reload = useCallback(async () => {
    if (!hasSessionHint(document.cookie)) {
      setAccount(null);
      return null;
    }
    try {
      const me = await api.auth.me();
      setAccount(me);
      return me;
    } catch (error) {
      if (!(error instanceof ApiProblem)) console.warn('session check failed', error);
      setAccount(null);
      return null;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ account, setAccount, reload }), [account, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider above it');
  return value;
}

/** The path to sign in and come back to `returnTo`. */
export function loginPath(returnTo: string): string {
  return `/login?returnTo=${encodeURIComponent(returnTo)}`;
}
