'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import { ApiProblem, PassRequired } from '@/lib/api/problem';
import { loginPath } from './session';

type Router = ReturnType<typeof useRouter>;

/** Heartbeats are due this often at most, whatever the hint: the slot lapses after 600 s without one. */
const heartbeatBoundsSeconds = { min: 5, max: 120 } as const;

/**
 * Keeps the fan's Tier-2 slot while they choose and pay: heartbeats as queue-service asks, which also renews
 * the `urr-entry-token` cookie. Sends the fan back to the queue when the slot is gone.
 */
export function useEntryPass(eventId: string): { readonly admitted: boolean } {
  const router = useRouter();
  const [admitted, setAdmitted] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const beat = async () => {
      try {
        const state = await api.queue.heartbeat(eventId);
        if (stopped) return;
        if (state.state !== 'admitted') {
          router.replace(`/queue/${eventId}`);
          return;
        }
        setAdmitted(true);
        const seconds = Math.min(
          heartbeatBoundsSeconds.max,
          Math.max(heartbeatBoundsSeconds.min, state.pollAfterSeconds),
        );
        timer = setTimeout(() => void beat(), seconds * 1000);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 401) {
          router.replace(loginPath(`/queue/${eventId}`));
          return;
        }
        timer = setTimeout(() => void beat(), 10_000);
      }
    };
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [eventId, router]);

  return { admitted };
}

/** Sends the fan to the pass the edge asked for; false when the error is something else. */
export function followPassRequired(error: unknown, router: Router): boolean {
  if (!(error instanceof PassRequired)) return false;
  if (error.tier === 'queue') router.replace(`/queue/${error.eventId}`);
  else window.location.assign(`/vwr/${encodeURIComponent(error.eventId)}`);
  return true;
}
