'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { WaitingListEntry } from '@/lib/api/waiting-list-client';
import { formatCountdown, formatDateTime, formatMoney, secondsUntil } from '@/lib/format';
import { ProblemNotice } from './problem-notice';
import { loginPath } from './session';

const text = bilingual({
  ko: {
    heading: '취소표 대기',
    loading: '대기 현황을 불러오는 중…',
    empty: '대기 중인 공연이 없습니다. 매진된 공연 페이지에서 대기 명단에 오를 수 있습니다.',
    statuses: {
      waiting: '대기 중',
      offered: '좌석 확보 · 결제 대기',
      fulfilled: '결제 완료',
      missed: '시간 초과 · 다음 분께 넘어감',
      declined: '거절함',
      left: '대기 취소',
    } satisfies Record<WaitingListEntry['status'], string>,
    closed: '판매가 끝나 더 이상 좌석이 배정되지 않습니다.',
    place: (name: ReactNode, position: number) => (
      <>
        {name} {position}번째
      </>
    ),
    wish: (quantity: number, maxPrice: string) => `${quantity}매 · 1매당 최대 ${maxPrice}`,
    joinedAt: (at: string) => `등록 ${at}`,
    holdsFor: (left: string) => `${left} 안에 결제하지 않으면 다음 분께 넘어갑니다.`,
    pay: '결제하기',
    decline: '거절하기',
    declineQuestion: '확보된 좌석을 거절할까요? 좌석은 다음 대기자에게 넘어갑니다.',
    leave: '대기 취소',
    leaveQuestion: '대기 명단에서 빠질까요? 다시 등록하면 맨 뒤에 섭니다.',
    event: '공연 보기',
  },
  en: {
    heading: 'My waiting lists',
    loading: 'Loading your waiting lists…',
    empty: 'You are on no waiting list. Join one on the page of a sold-out show.',
    statuses: {
      waiting: 'In line',
      offered: 'Seats held · waiting for payment',
      fulfilled: 'Paid',
      missed: 'Time ran out · passed on',
      declined: 'Declined',
      left: 'Left the list',
    },
    closed: 'Sales have ended: no more seats will be offered.',
    place: (name: ReactNode, position: number) => (
      <>
        {name}: number {position}
      </>
    ),
    wish: (quantity: number, maxPrice: string) => `${quantity} × up to ${maxPrice} each`,
    joinedAt: (at: string) => `Joined ${at}`,
    holdsFor: (left: string) => `Pay within ${left}, or the seats pass to the next fan in line.`,
    pay: 'Pay now',
    decline: 'Decline',
    declineQuestion: 'Decline the seats held for you? They go to the next fan in line.',
    leave: 'Leave the list',
    leaveQuestion: 'Leave the waiting list? Joining again puts you at the back.',
    event: 'See the show',
  },
});

/** My waiting-list entries: my place per grade, the seats held for me (pay or decline), leaving a list. */
export function MyWaitingList() {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [entries, setEntries] = useState<WaitingListEntry[] | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    try {
      setEntries((await api.waitingList.mine()).items);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) router.replace(loginPath('/my/waiting-list'));
      else setProblem(describeError(error, {}, locale));
    }
  }, [router, locale]);

  useEffect(() => {
    void load();
    // Offers arrive by themselves (a seat comes back): look again now and then, and tick the countdowns.
    const poll = setInterval(() => void load(), 5_000);
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [load]);

  const act = async (id: string, question: string, action: () => Promise<unknown>) => {
    if (!window.confirm(question)) return;
    setBusy(id);
    setProblem(undefined);
    try {
      await action();
      await load();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="my-waiting-list">
      <h1>{t.heading}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {!entries ? (
        problem ? null : (
          <p className="loading">{t.loading}</p>
        )
      ) : entries.length === 0 ? (
        <p className="empty" data-testid="waiting-list-loaded">
          {t.empty}
        </p>
      ) : (
        <ul className="reservation-list" data-testid="waiting-list-loaded">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className="reservation-item"
              data-entry-id={entry.id}
              data-event-id={entry.eventId}
            >
              <p>
                <strong data-testid="waiting-list-status">{t.statuses[entry.status]}</strong> ·{' '}
                <Link href={`/events/${entry.eventId}`}>{t.event}</Link>
              </p>
              <p className="muted small">
                {entry.grades.length > 0 ? (
                  <>
                    <span lang={writtenIn(entry.grades.join(', '))}>{entry.grades.join(', ')}</span> ·{' '}
                  </>
                ) : null}
                {t.wish(entry.quantity, formatMoney(entry.maxPrice, 'KRW', locale))} ·{' '}
                {t.joinedAt(formatDateTime(entry.joinedAt, locale))}
              </p>
              {entry.status === 'waiting' && entry.listState === 'closed' ? (
                <p className="muted">{t.closed}</p>
              ) : null}
              {entry.places.length > 0 ? (
                <ul className="plain" data-testid="waiting-list-places">
                  {entry.places.map((line) => (
                    <li key={line.forId}>
                      {t.place(<span lang={writtenIn(line.name)}>{line.name}</span>, line.position)}
                    </li>
                  ))}
                </ul>
              ) : null}
              {entry.status === 'offered' && entry.offer ? (
                <div className="actions" data-testid="waiting-list-offer">
                  <p className="warning">
                    {t.holdsFor(formatCountdown(secondsUntil(entry.offer.expiresAt, now)))}
                  </p>
                  <Link href={`/reservations/${entry.offer.reservationId}/payment`} className="button small">
                    {t.pay}
                  </Link>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy === entry.id}
                    onClick={() => {
                      const reservationId = entry.offer?.reservationId ?? '';
                      void act(entry.id, t.declineQuestion, () => api.reservations.cancel(reservationId));
                    }}
                  >
                    {t.decline}
                  </button>
                </div>
              ) : null}
              {entry.status === 'waiting' ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button small danger"
                    disabled={busy === entry.id}
                    onClick={() =>
                      void act(entry.id, t.leaveQuestion, () => api.waitingList.leave(entry.eventId))
                    }
                  >
                    {t.leave}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
