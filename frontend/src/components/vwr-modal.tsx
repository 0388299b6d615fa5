'use client';

import { useEffect, useRef, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { VwrState } from '@/lib/api/types';
import { formatCount, formatDateTime, formatWait } from '@/lib/format';
import { pollDelayMs, progressOf } from '@/lib/polling';
import { ProblemNotice } from './problem-notice';
import { WaitProgress } from './wait-progress';

const text = bilingual({
  ko: {
    step: '1/2 단계 · 사이트 접속 순서',
    title: '예매 대기 중',
    joining: '대기열에 들어가는 중입니다…',
    admitted: '입장 순서가 되었습니다. 예매 대기열로 이동합니다…',
    preQueue: (opensAt: string) => `예매 오픈 전입니다. ${opensAt}에 오픈되면 대기 순번이 정해집니다.`,
    keepOpen: '이 창을 닫지 마세요.',
    soldOut: '매진되었습니다. 다음 기회를 이용해 주세요.',
    retry: '다시 줄서기',
    offline: '연결되면 자동으로 다시 확인합니다.',
    leave: '대기열 나가기',
    close: '닫기',
    busy: '현재 접속자가 많아 순서대로 안내하고 있습니다',
    position: '현재 대기 순번',
    positionPending: '순번 확정 중',
    positionValue: (position: string) => `${position}번`,
    ahead: '내 앞',
    people: (count: string) => `${count}명`,
    eta: '예상 대기',
    paused: '판매 일시 중지',
    pausedNote: '판매가 잠시 중지되었습니다. 순번은 그대로 유지되며, 재개되면 순서대로 안내합니다.',
    autoMove: '순서가 되면 자동으로 이동합니다.',
  },
  en: {
    step: 'Step 1 of 2 · entering the site',
    title: 'Waiting to book',
    joining: 'Joining the line…',
    admitted: 'Your turn has come. Moving on to the booking queue…',
    preQueue: (opensAt: string) => `Sales open at ${opensAt}; your place in line is drawn then.`,
    keepOpen: 'Keep this window open.',
    soldOut: 'Sold out. Better luck next time.',
    retry: 'Line up again',
    offline: 'We will check again once you are back online.',
    leave: 'Leave the line',
    close: 'Close',
    busy: 'Many fans are here right now; everyone is served in turn',
    position: 'Your place in line',
    positionPending: 'being drawn',
    positionValue: (position: string) => `No. ${position}`,
    ahead: 'Ahead of you',
    people: (count: string) => count,
    eta: 'Expected wait',
    paused: 'sales paused',
    pausedNote: 'Sales are paused for a moment. You keep your place and are served in turn when they resume.',
    autoMove: 'You move on by yourself when your turn comes.',
  },
});

type View =
  | { readonly kind: 'joining' }
  | {
      readonly kind: 'waiting';
      readonly state: Extract<VwrState, { status: 'waiting' }>;
      readonly aheadAtStart: number | null;
    }
  | { readonly kind: 'pre-queue'; readonly opensAt: string }
  | { readonly kind: 'sold-out' }
  | { readonly kind: 'admitted' }
  | { readonly kind: 'problem'; readonly problem: Problem };

/** Polls after a lost connection: slower than the room's own hint, and says so. */
const retryAfterErrorMs = 5_000;

/** A busy waiting room (429, 503) asks to be called again: the fan keeps waiting, as after a lost connection. */
const isBusy = (error: unknown) =>
  error instanceof ApiProblem && (error.status === 429 || error.status === 503);

/**
 * The Tier-1 waiting room as a modal over the event page: joins (`assign`), then asks (`check`)
 * as often as the room says until the fan's turn comes and the `urr-vwr-token` cookie is set.
 */
export function VwrModal({
  eventId,
  eventTitle,
  onAdmitted,
  onClose,
}: {
  eventId: string;
  eventTitle: string;
  onAdmitted: () => void;
  onClose: () => void;
}) {
  const locale = useLocale();
  const t = text[locale];
  const [view, setView] = useState<View>({ kind: 'joining' });
  const [offline, setOffline] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` restarts the loop on "다시 줄서기"
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (run: () => Promise<void>, ms: number) => {
      if (!stopped) timer = setTimeout(() => void run(), ms);
    };

    const show = (state: VwrState) => {
      if (stopped) return;
      setOffline(false);
      switch (state.status) {
        case 'admitted':
          setView({ kind: 'admitted' });
          onAdmitted();
          return;
        case 'sold-out':
          setView({ kind: 'sold-out' });
          return;
        case 'pre-queue':
          setView({ kind: 'pre-queue', opensAt: state.opensAt });
          later(check, pollDelayMs(state.pollAfterSeconds));
          return;
        case 'waiting':
          setView((previous) => ({
            kind: 'waiting',
            state,
            aheadAtStart:
              previous.kind === 'waiting' && previous.aheadAtStart !== null
                ? previous.aheadAtStart
                : state.ahead,
          }));
          later(check, pollDelayMs(state.pollAfterSeconds));
      }
    };

    const failed = (error: unknown, retry: () => Promise<void>) => {
      if (stopped) return;
      if (error instanceof ApiProblem && !isBusy(error)) {
        setView({ kind: 'problem', problem: describeError(error, {}, locale) });
        return;
      }
      setOffline(true);
      later(retry, retryAfterErrorMs);
    };

    const join = async () => {
      try {
        show(await api.waitingRoom.assign(eventId));
      } catch (error) {
        failed(error, join);
      }
    };

    const check = async () => {
      try {
        show(await api.waitingRoom.check(eventId));
      } catch (error) {
        // The position ticket cookie is gone (cleared, or another tab left): line up again.
        if (error instanceof ApiProblem && error.status === 401) return join();
        failed(error, check);
      }
    };

    void join();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [eventId, attempt]);

  // A modal <dialog> keeps focus inside and makes the page behind it inert; Escape leaves the line.
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const leave = async () => {
    if (view.kind === 'waiting' || view.kind === 'pre-queue')
      await api.waitingRoom.leave(eventId).catch(() => undefined);
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="modal vwr-modal"
      aria-labelledby="vwr-title"
      data-testid="vwr-modal"
      onCancel={(event) => {
        event.preventDefault();
        void leave();
      }}
    >
      <p className="wait-step">{t.step}</p>
      <h2 id="vwr-title">{t.title}</h2>
      <p className="wait-event" lang={writtenIn(eventTitle)}>
        {eventTitle}
      </p>
      {view.kind === 'joining' ? <p>{t.joining}</p> : null}
      {view.kind === 'admitted' ? <p>{t.admitted}</p> : null}
      {view.kind === 'waiting' ? <WaitingFigures view={view} /> : null}
      {view.kind === 'pre-queue' ? (
        <p>
          {t.preQueue(formatDateTime(view.opensAt, locale))}
          <br />
          {t.keepOpen}
        </p>
      ) : null}
      {view.kind === 'sold-out' ? <p className="sold-out">{t.soldOut}</p> : null}
      {view.kind === 'problem' ? (
        <ProblemNotice problem={view.problem}>
          <button type="button" className="button small" onClick={() => setAttempt((n) => n + 1)}>
            {t.retry}
          </button>
        </ProblemNotice>
      ) : null}
      {offline ? (
        <p className="warning">
          {describeError(new TypeError(), {}, locale).title}. {t.offline}
        </p>
      ) : null}
      <button type="button" className="button secondary" onClick={leave}>
        {view.kind === 'waiting' || view.kind === 'pre-queue' ? t.leave : t.close}
      </button>
    </dialog>
  );
}

function WaitingFigures({ view }: { view: Extract<View, { kind: 'waiting' }> }) {
  const locale = useLocale();
  const t = text[locale];
  const { state, aheadAtStart } = view;
  const progress = progressOf(aheadAtStart, state.ahead);
  return (
    <>
      <p>{t.busy}</p>
      <p className="vwr-label">{t.position}</p>
      <p className="vwr-position" data-testid="vwr-position">
        {state.position === null ? t.positionPending : t.positionValue(formatCount(state.position, locale))}
      </p>
      <WaitProgress progress={progress} />
      <p>
        {t.ahead} <strong>{t.people(formatCount(state.ahead, locale))}</strong> · {t.eta}:{' '}
        {state.paused ? t.paused : formatWait(state.etaSeconds, locale)}
      </p>
      {state.paused ? (
        <p role="status" data-testid="vwr-paused">
          {t.pausedNote}
        </p>
      ) : null}
      <p className="muted">
        {t.keepOpen}
        <br />
        {t.autoMove}
      </p>
    </>
  );
}
