'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { QueueState } from '@/lib/api/types';
import { formatCount, formatWait } from '@/lib/format';
import { pollDelayMs, progressOf } from '@/lib/polling';
import { ProblemNotice } from './problem-notice';
import { loginPath } from './session';
import { WaitProgress } from './wait-progress';

const text = bilingual({
  ko: {
    step: '2/2 단계 · 좌석 선택 입장 순서',
    title: '예매 대기 중',
    toEvent: '공연 페이지로',
    joining: '대기열에 들어가는 중입니다…',
    admitted: '입장 순서가 되었습니다. 좌석 선택으로 이동합니다…',
    position: '현재 대기 순번',
    positionValue: (position: string) => `${position}번`,
    ahead: '내 앞',
    behind: '내 뒤',
    people: (count: string) => `${count}명`,
    eta: '예상 대기',
    autoMove: '순서가 되면 자동으로 다음 페이지로 이동합니다.',
    offline: '잠시 후 다시 확인합니다.',
    leave: '대기열 나가기',
    notes: {
      open: undefined,
      paused: '대기열이 잠시 멈춰 있습니다. 순서는 그대로 유지됩니다.',
      soldout: '매진되어 더 이상 입장할 수 없습니다.',
      closed: '예매가 종료되었습니다.',
    } as Record<QueueState['queueStatus'], string | undefined>,
  },
  en: {
    step: 'Step 2 of 2 · entering seat selection',
    title: 'Waiting to book',
    toEvent: 'Back to the event',
    joining: 'Joining the queue…',
    admitted: 'Your turn has come. Moving on to seat selection…',
    position: 'Your place in the queue',
    positionValue: (position: string) => `No. ${position}`,
    ahead: 'Ahead of you',
    behind: 'Behind you',
    people: (count: string) => count,
    eta: 'Expected wait',
    autoMove: 'You move on to the next page by yourself when your turn comes.',
    offline: 'We will check again in a moment.',
    leave: 'Leave the queue',
    notes: {
      open: undefined,
      paused: 'The queue is paused for a moment. You keep your place.',
      soldout: 'Sold out: nobody more can enter.',
      closed: 'Sales have ended.',
    },
  },
});

/**
 * The Tier-2 queue page: lines up, shows place, people ahead and behind and the wait, and moves
 * on to seat selection once queue-service admits the fan (the `urr-entry-token` cookie is set).
 */
export function QueueView({ eventId, eventTitle }: { eventId: string; eventTitle: string | undefined }) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [state, setState] = useState<QueueState | undefined>();
  const [aheadAtStart, setAheadAtStart] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bookingPath = `/events/${eventId}/booking`;

    const show = (next: QueueState) => {
      if (stopped) return;
      setOffline(false);
      setState(next);
      if (next.state === 'waiting') setAheadAtStart((first) => first ?? next.ahead);
      if (next.state === 'admitted') {
        router.replace(bookingPath);
        return;
      }
      if (next.queueStatus === 'soldout' || next.queueStatus === 'closed') return;
      timer = setTimeout(() => void poll(next.state === 'not-in-line'), pollDelayMs(next.pollAfterSeconds));
    };

    const poll = async (enter: boolean) => {
      try {
        show(await (enter ? api.queue.enter(eventId) : api.queue.status(eventId)));
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 401) {
          router.replace(loginPath(`/queue/${eventId}`));
          return;
        }
        // "Come back in a moment" (the sale is opening, a server restarts): try again, keep the page as it is.
        if (error instanceof ApiProblem && (error.status === 503 || error.status === 429)) {
          timer = setTimeout(() => void poll(enter), 2_000);
          return;
        }
        if (error instanceof ApiProblem) {
          setProblem(describeError(error, {}, locale));
          return;
        }
        setOffline(true);
        timer = setTimeout(() => void poll(enter), 5_000);
      }
    };

    void poll(true);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [eventId, router, locale]);

  const leave = async () => {
    await api.queue.leave(eventId).catch(() => undefined);
    router.push(`/events/${eventId}`);
  };

  const note = state ? t.notes[state.queueStatus] : undefined;
  return (
    <section className="panel narrow queue-panel" data-testid="queue-panel">
      <p className="wait-step">{t.step}</p>
      <h1>{t.title}</h1>
      {eventTitle ? (
        <p className="wait-event" data-testid="queue-event-title" lang={writtenIn(eventTitle)}>
          {eventTitle}
        </p>
      ) : null}
      {problem ? (
        <ProblemNotice problem={problem}>
          <Link href={`/events/${eventId}`} className="button small">
            {t.toEvent}
          </Link>
        </ProblemNotice>
      ) : !state ? (
        <p>{t.joining}</p>
      ) : state.state === 'admitted' ? (
        <p>{t.admitted}</p>
      ) : (
        <>
          <p className="queue-number">
            {t.position}:{' '}
            <strong data-testid="queue-position">
              {t.positionValue(formatCount(state.position, locale))}
            </strong>
          </p>
          <WaitProgress progress={progressOf(aheadAtStart, state.ahead)} />
          <p>
            {t.ahead}: <strong>{t.people(formatCount(state.ahead, locale))}</strong> · {t.behind}:{' '}
            <strong>{t.people(formatCount(state.behind, locale))}</strong>
          </p>
          <p>
            {t.eta}: {formatWait(state.etaSeconds, locale)}
          </p>
          <p className="muted">{t.autoMove}</p>
        </>
      )}
      {note ? <p className="warning">{note}</p> : null}
      {offline ? (
        <p className="warning">
          {describeError(new TypeError(), {}, locale).title}. {t.offline}
        </p>
      ) : null}
      <button type="button" className="button secondary" onClick={leave}>
        {t.leave}
      </button>
    </section>
  );
}
