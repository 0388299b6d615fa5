'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { Page, Reservation, Transfer, TransferOffer } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { ProblemNotice } from './problem-notice';
import { ReservationSummary } from './reservation-summary';
import { loginPath } from './session';

const text = bilingual({
  ko: {
    title: '내 예매',
    loading: '예매 내역을 불러오는 중…',
    none: '예매 내역이 없습니다.',
    toEvents: '공연 보러 가기',
    bookedAt: '예매일',
    confirmCancelPaid: '이 예매를 취소할까요? 결제한 금액은 환불됩니다.',
    confirmCancelHeld:
      '이 예매를 취소할까요? 아직 결제 전이라 청구된 금액은 없으며, 좌석은 다른 분께 돌아갑니다.',
    handOver: '받는 분에게 아래 두 값을 전달하세요. 양도 코드는 지금 한 번만 보입니다.',
    transferId: '양도 번호',
    claimCode: '양도 코드',
    mobileTicket: '모바일 티켓',
    pay: '결제하기',
    offer: '양도하기',
    withdraw: '양도 취소',
    cancel: '예매 취소',
    pages: '페이지',
    previous: '이전',
    next: '다음',
    transfers: '양도 내역',
    transferStatus: { PENDING: '수락 대기', COMPLETED: '양도 완료', CANCELLED: '양도 취소' } as Record<
      Transfer['status'],
      string
    >,
    reservationNumber: (id: string) => `예매번호 ${id}`,
    claim: '양도받기',
    accept: '받기',
    accepted: '양도받은 티켓이 내 예매에 추가되었습니다.',
  },
  en: {
    title: 'My bookings',
    loading: 'Loading your bookings…',
    none: 'You have no bookings yet.',
    toEvents: 'Find an event',
    bookedAt: 'Booked',
    confirmCancelPaid: 'Cancel this booking? What you paid is refunded.',
    confirmCancelHeld:
      "Cancel this booking? It isn't paid yet, so nothing was charged, and the seats go back to other fans.",
    handOver: 'Give the recipient these two values. The claim code is shown only this once.',
    transferId: 'Transfer number',
    claimCode: 'Claim code',
    mobileTicket: 'Mobile ticket',
    pay: 'Pay',
    offer: 'Transfer',
    withdraw: 'Withdraw transfer',
    cancel: 'Cancel booking',
    pages: 'Pages',
    previous: 'Previous',
    next: 'Next',
    transfers: 'Transfers',
    transferStatus: { PENDING: 'Awaiting claim', COMPLETED: 'Transferred', CANCELLED: 'Withdrawn' },
    reservationNumber: (id: string) => `Booking ${id}`,
    claim: 'Claim a transfer',
    accept: 'Claim',
    accepted: 'The ticket is now in your bookings.',
  },
});

/** My reservations: pay what is held, cancel, hand a paid ticket to someone else, claim one handed to me. */
export function MyReservations() {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [page, setPage] = useState(1);
  const [reservations, setReservations] = useState<Page<Reservation> | undefined>();
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [offers, setOffers] = useState<Record<string, TransferOffer>>({});
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      const [mine, moved] = await Promise.all([
        api.reservations.list({ page, size: 10 }),
        api.transfers.list().catch(() => undefined),
      ]);
      setReservations(mine);
      setTransfers(moved?.items ?? []);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) router.replace(loginPath('/my/reservations'));
      else setProblem(describeError(error, {}, locale));
    }
  }, [page, router, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (id: string, action: () => Promise<unknown>) => {
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

  const cancel = (reservation: Reservation) => {
    // Only a paid booking has money to give back; an unpaid hold just returns its seats.
    const question = reservation.status === 'CONFIRMED' ? t.confirmCancelPaid : t.confirmCancelHeld;
    if (!window.confirm(question)) return;
    void act(reservation.id, () => api.reservations.cancel(reservation.id));
  };

  const offer = (reservation: Reservation) =>
    act(reservation.id, async () => {
      const made = await api.transfers.offer(reservation.id);
      setOffers((current) => ({ ...current, [reservation.id]: made }));
    });

  const pendingTransferOf = (reservationId: string) =>
    transfers.find((transfer) => transfer.reservationId === reservationId && transfer.status === 'PENDING');

  return (
    <section className="my-reservations">
      <h1>{t.title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {!reservations ? (
        problem ? null : (
          <p className="loading">{t.loading}</p>
        )
      ) : reservations.items.length === 0 ? (
        <p className="empty" data-testid="reservations-loaded">
          {t.none} <Link href="/">{t.toEvents}</Link>
        </p>
      ) : (
        <ul className="reservation-list" data-testid="reservations-loaded">
          {reservations.items.map((reservation) => {
            const offered = offers[reservation.id];
            const pending = pendingTransferOf(reservation.id);
            const active = reservation.status === 'PENDING_PAYMENT' || reservation.status === 'CONFIRMED';
            return (
              <li key={reservation.id} className="reservation-item" data-reservation-id={reservation.id}>
                <ReservationSummary reservation={reservation} />
                <p className="muted small">
                  {t.bookedAt} {formatDateTime(reservation.createdAt, locale)}
                </p>
                {offered ? (
                  <div className="claim-code" role="status">
                    <p>{t.handOver}</p>
                    <p>
                      {t.transferId} <code data-testid="transfer-id">{offered.id}</code>
                    </p>
                    <p>
                      {t.claimCode} <code data-testid="claim-code">{offered.claimCode}</code>
                    </p>
                  </div>
                ) : null}
                <div className="actions">
                  {reservation.status === 'CONFIRMED' && !pending && !offered ? (
                    <Link
                      href={`/my/tickets/${reservation.id}`}
                      className="button small"
                      data-testid="mobile-ticket-link"
                    >
                      {t.mobileTicket}
                    </Link>
                  ) : null}
                  {reservation.status === 'PENDING_PAYMENT' ? (
                    <Link href={`/reservations/${reservation.id}/payment`} className="button small">
                      {t.pay}
                    </Link>
                  ) : null}
                  {reservation.status === 'CONFIRMED' && !pending && !offered ? (
                    <button
                      type="button"
                      className="button small secondary"
                      disabled={busy === reservation.id}
                      onClick={() => void offer(reservation)}
                    >
                      {t.offer}
                    </button>
                  ) : null}
                  {pending ? (
                    <button
                      type="button"
                      className="button small secondary"
                      disabled={busy === reservation.id}
                      onClick={() => void act(reservation.id, () => api.transfers.withdraw(pending.id))}
                    >
                      {t.withdraw}
                    </button>
                  ) : null}
                  {active && !pending ? (
                    <button
                      type="button"
                      className="button small danger"
                      disabled={busy === reservation.id}
                      onClick={() => cancel(reservation)}
                    >
                      {t.cancel}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {reservations && reservations.totalPages > 1 ? (
        <nav className="pagination" aria-label={t.pages}>
          <button
            type="button"
            className="link-button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            {t.previous}
          </button>
          <span>
            {reservations.page} / {reservations.totalPages}
          </span>
          <button
            type="button"
            className="link-button"
            disabled={page >= reservations.totalPages}
            onClick={() => setPage(page + 1)}
          >
            {t.next}
          </button>
        </nav>
      ) : null}

      <AcceptTransfer onAccepted={load} />

      {transfers.length > 0 ? (
        <>
          <h2>{t.transfers}</h2>
          <ul className="plain transfers">
            {transfers.map((transfer) => (
              <li key={transfer.id}>
                {[
                  t.transferStatus[transfer.status],
                  t.reservationNumber(transfer.reservationId.slice(0, 8)),
                  formatDateTime(transfer.createdAt, locale),
                ].join(' · ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AcceptTransfer({ onAccepted }: { onAccepted: () => Promise<void> }) {
  const locale = useLocale();
  const t = text[locale];
  const [transferId, setTransferId] = useState('');
  const [claimCode, setClaimCode] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState(false);

  const accept = async (submit: React.FormEvent) => {
    submit.preventDefault();
    setProblem(undefined);
    setDone(false);
    try {
      await api.transfers.accept(transferId.trim(), claimCode.trim());
      setDone(true);
      setTransferId('');
      setClaimCode('');
      await onAccepted();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  };

  return (
    <form className="accept-transfer" onSubmit={accept}>
      <h2>{t.claim}</h2>
      <div className="field-row">
        <label className="field">
          <span>{t.transferId}</span>
          <input value={transferId} onChange={(change) => setTransferId(change.target.value)} required />
        </label>
        <label className="field">
          <span>{t.claimCode}</span>
          <input value={claimCode} onChange={(change) => setClaimCode(change.target.value)} required />
        </label>
        <button type="submit" className="button">
          {t.accept}
        </button>
      </div>
      {done ? <p className="success">{t.accepted}</p> : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </form>
  );
}
