'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { Account } from '@/lib/api/types';
import { loginPath, useSession } from './session';

/**
 * The signed-in account for a page that needs one: undefined while the session loads, and a signed-out
 * fan is sent to sign in and come back to `returnTo`.
 */
export function useSignedInAccount(returnTo: string): Account | undefined {
  const { account } = useSession();
  const router = useRouter();
  useEffect(() => {
    if (account === null) router.replace(loginPath(returnTo));
  }, [account, returnTo, router]);
  return account ?? undefined;
}
