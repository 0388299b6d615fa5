'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { Reservation } from '@/lib/api/types';
import { CalendarLink } from './calendar-link';
import { ProblemNotice } from './problem-notice';
import { ReservationSummary } from './reservation-summary';
import { loginPath } from './session';

const text = bilingual({
  ko: {
    loading: '예매 정보를 불러오는 중…',
    done: '예매가 완료되었습니다',
    doneNote: '예매 내역과 모바일 티켓은 내 예매에서 언제든 확인할 수 있습니다.',
    checking: '결제를 확인하고 있습니다',
    checkingNote: '잠시만 기다려 주세요. 결제가 확인되면 자동으로 바뀝니다.',
    notDone: '예매가 완료되지 않았습니다',
    paymentFailed: '결제가 실패하여 좌석이 반환되었습니다.',
    expired: '결제 시간이 지나 좌석이 반환되었습니다.',
    cancelled: '취소된 예매입니다.',
    toPayment: '결제 화면으로',
    mine: '내 예매 보기',
    more: '다른 공연 보기',
  },
  en: {
    loading: 'Loading your booking…',
    done: 'You are booked',
    doneNote: 'Your booking and mobile ticket are in My bookings at any time.',
    checking: 'Checking your payment',
    checkingNote: 'One moment: this page updates by itself once the payment is confirmed.',
    notDone: 'The booking did not go through',
    paymentFailed: 'The payment failed and the seats went back on sale.',
    expired: 'The time to pay ran out and the seats went back on sale.',
    cancelled: 'This booking was cancelled.',
    toPayment: 'Back to payment',
    mine: 'My bookings',
    more: 'More shows',
  },
});

/** How long one read waits for the payment to settle (the server answers as soon as it does). */
const waitSeconds = 4;
/** Reads at most this often, even if a server answers a waiting read at once. */
const minReadGapMs = (attempt: number) => (attempt < 30 ? 1_000 : 5_000);

/**
 * The reservation after payment. Payment settles through Kafka (payment-events → ticket-service), so
 * the page asks for the reservation with `waitSeconds` until it is CONFIRMED (or ends otherwise), then
 * gives the Tier-2 slot back.
 */
export function ConfirmationView({ reservationId }: { reservationId: string }) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [reservation, setReservation] = useState<Reservation | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (attempt: number) => {
      const started = Date.now();
      try {
        // The first read shows the page at once; the next ones wait for the outcome.
        const found = await api.reservations.get(reservationId, attempt > 1 ? { waitSeconds } : {});
        if (stopped) return;
        setReservation(found);
        if (found.status === 'PENDING_PAYMENT') {
          const gap = attempt > 1 ? minReadGapMs(attempt) - (Date.now() - started) : 0;
          timer = setTimeout(() => void load(attempt + 1), Math.max(0, gap));
          return;
        }
        // Done with booking: hand the queue slot to the next fan (best effort).
        if (found.status === 'CONFIRMED') void api.queue.leave(found.eventId).catch(() => undefined);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 401) {
          router.replace(loginPath(`/reservations/${reservationId}`));
          return;
        }
        setProblem(describeError(error, {}, locale));
      }
    };
    void load(1);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reservationId, router, locale]);

  if (!reservation)
    return problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>;
  return (
    <section className="panel narrow confirmation" data-testid="confirmation">
      {reservation.status === 'CONFIRMED' ? (
        <>
          <h1 className="success">{t.done}</h1>
          <p>{t.doneNote}</p>
        </>
      ) : reservation.status === 'PENDING_PAYMENT' ? (
        <>
          <h1>{t.checking}</h1>
          <p className="muted">{t.checkingNote}</p>
        </>
      ) : (
        <>
          <h1>{t.notDone}</h1>
          <p className="muted">
            {reservation.cancelReason === 'payment-failed'
              ? t.paymentFailed
              : reservation.status === 'EXPIRED'
                ? t.expired
                : t.cancelled}
          </p>
        </>
      )}
      <ReservationSummary reservation={reservation} />
      {problem ? <ProblemNotice problem={problem} /> : null}
      <div className="actions">
        {reservation.status === 'PENDING_PAYMENT' ? (
          <Link href={`/reservations/${reservation.id}/payment`} className="button secondary">
            {t.toPayment}
          </Link>
        ) : null}
        <Link href="/my/reservations" className="button">
          {t.mine}
        </Link>
        {reservation.status === 'CONFIRMED' ? <CalendarLink reservation={reservation} /> : null}
        <Link href="/" className="button secondary">
          {t.more}
        </Link>
      </div>
    </section>
  );
}
