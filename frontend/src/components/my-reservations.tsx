'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { Page, Reservation, Transfer, TransferOffer } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { ProblemNotice } from './problem-notice';
import { ReservationSummary } from './reservation-summary';
import { loginPath } from './session';

const transferStatusLabels: Record<Transfer['status'], string> = {
  PENDING: '수락 대기',
  COMPLETED: '양도 완료',
  CANCELLED: '양도 취소',
};

/** My reservations: pay what is held, cancel, hand a paid ticket to someone else, claim one handed to me. */
export function MyReservations() {
  const router = useRouter();
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
      else setProblem(describeError(error));
    }
  }, [page, router]);

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
      setProblem(describeError(error));
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = (reservation: Reservation) => {
    // Only a paid booking has money to give back; an unpaid hold just returns its seats.
    const question =
      reservation.status === 'CONFIRMED'
        ? '이 예매를 취소할까요? 결제한 금액은 환불됩니다.'
        : '이 예매를 취소할까요? 아직 결제 전이라 청구된 금액은 없으며, 좌석은 다른 분께 돌아갑니다.';
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
      <h1>내 예매</h1>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {!reservations ? (
        problem ? null : (
          <p className="loading">예매 내역을 불러오는 중…</p>
        )
      ) : reservations.items.length === 0 ? (
        <p className="empty" data-testid="reservations-loaded">
          예매 내역이 없습니다. <Link href="/">공연 보러 가기</Link>
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
                <p className="muted small">예매일 {formatDateTime(reservation.createdAt)}</p>
                {offered ? (
                  <div className="claim-code" role="status">
                    <p>받는 분에게 아래 두 값을 전달하세요. 양도 코드는 지금 한 번만 보입니다.</p>
                    <p>
                      양도 번호 <code data-testid="transfer-id">{offered.id}</code>
                    </p>
                    <p>
                      양도 코드 <code data-testid="claim-code">{offered.claimCode}</code>
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
                      모바일 티켓
                    </Link>
                  ) : null}
                  {reservation.status === 'PENDING_PAYMENT' ? (
                    <Link href={`/reservations/${reservation.id}/payment`} className="button small">
                      결제하기
                    </Link>
                  ) : null}
                  {reservation.status === 'CONFIRMED' && !pending && !offered ? (
                    <button
                      type="button"
                      className="button small secondary"
                      disabled={busy === reservation.id}
                      onClick={() => void offer(reservation)}
                    >
                      양도하기
                    </button>
                  ) : null}
                  {pending ? (
                    <button
                      type="button"
                      className="button small secondary"
                      disabled={busy === reservation.id}
                      onClick={() => void act(reservation.id, () => api.transfers.withdraw(pending.id))}
                    >
                      양도 취소
                    </button>
                  ) : null}
                  {active && !pending ? (
                    <button
                      type="button"
                      className="button small danger"
                      disabled={busy === reservation.id}
                      onClick={() => cancel(reservation)}
                    >
                      예매 취소
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {reservations && reservations.totalPages > 1 ? (
        <nav className="pagination" aria-label="페이지">
          <button
            type="button"
            className="link-button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            이전
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
            다음
          </button>
        </nav>
      ) : null}

      <AcceptTransfer onAccepted={load} />

      {transfers.length > 0 ? (
        <>
          <h2>양도 내역</h2>
          <ul className="plain transfers">
            {transfers.map((transfer) => (
              <li key={transfer.id}>
                {transferStatusLabels[transfer.status]} · 예매번호 {transfer.reservationId.slice(0, 8)} ·{' '}
                {formatDateTime(transfer.createdAt)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function AcceptTransfer({ onAccepted }: { onAccepted: () => Promise<void> }) {
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
      setProblem(describeError(error));
    }
  };

  return (
    <form className="accept-transfer" onSubmit={accept}>
      <h2>양도받기</h2>
      <div className="field-row">
        <label className="field">
          <span>양도 번호</span>
          <input value={transferId} onChange={(change) => setTransferId(change.target.value)} required />
        </label>
        <label className="field">
          <span>양도 코드</span>
          <input value={claimCode} onChange={(change) => setClaimCode(change.target.value)} required />
        </label>
        <button type="submit" className="button">
          받기
        </button>
      </div>
      {done ? <p className="success">양도받은 티켓이 내 예매에 추가되었습니다.</p> : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
    </form>
  );
}
