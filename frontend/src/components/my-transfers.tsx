'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { Transfer } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format';
import { sentAndReceived } from '@/lib/transfer-split';
import { AcceptTransferForm } from './accept-transfer-form';
import styles from './fan-pages.module.css';
import { ProblemNotice } from './problem-notice';
import { useSignedInAccount } from './use-signed-in-account';

const text = bilingual({
  ko: {
    title: '양도 내역',
    intro: '결제한 예매는 내 예매에서 양도할 수 있습니다. 받는 분은 양도 번호와 양도 코드로 받습니다.',
    toReservations: '내 예매로 가기',
    loading: '양도 내역을 불러오는 중…',
    sent: '보낸 양도',
    received: '받은 양도',
    noneSent: '보낸 양도가 없습니다.',
    noneReceived: '받은 양도가 없습니다.',
    status: { PENDING: '수락 대기', COMPLETED: '양도 완료', CANCELLED: '양도 취소됨' },
    transferNumber: '양도 번호',
    reservation: (id: string) => `예매번호 ${id.slice(0, 8)}`,
    offeredAt: '신청',
    completedAt: '완료',
    cancelledAt: '취소',
    withdraw: '양도 취소',
    confirmWithdraw:
      '이 양도를 취소할까요? 양도 코드는 더 이상 쓸 수 없고, 티켓은 그대로 내 예매에 남습니다.',
    withdrawn: '양도를 취소했습니다.',
  },
  en: {
    title: 'Transfers',
    intro:
      'You can transfer a paid booking from My bookings. The recipient claims it with the transfer number and code.',
    toReservations: 'Go to My bookings',
    loading: 'Loading transfers…',
    sent: 'Sent',
    received: 'Received',
    noneSent: 'You have not sent any transfer.',
    noneReceived: 'You have not received any transfer.',
    status: { PENDING: 'Awaiting claim', COMPLETED: 'Transferred', CANCELLED: 'Withdrawn' },
    transferNumber: 'Transfer number',
    reservation: (id: string) => `Booking ${id.slice(0, 8)}`,
    offeredAt: 'Offered',
    completedAt: 'claimed',
    cancelledAt: 'withdrawn',
    withdraw: 'Withdraw transfer',
    confirmWithdraw: 'Withdraw this transfer? Its code stops working and the ticket stays in your bookings.',
    withdrawn: 'The transfer is withdrawn.',
  },
});

/** The event statuses' colours: waiting, done, called off. */
const statusClass: Record<Transfer['status'], string> = {
  PENDING: 'status-scheduled',
  COMPLETED: 'status-on-sale',
  CANCELLED: 'status-cancelled',
};

/** Transfers I offered and claimed (`GET /api/v1/transfers`): withdraw a pending one, claim one with its code. */
export function MyTransfers() {
  const account = useSignedInAccount('/my/transfers');
  const locale = useLocale();
  const t = text[locale];
  const [transfers, setTransfers] = useState<Transfer[] | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [withdrawn, setWithdrawn] = useState(false);

  const load = useCallback(async () => {
    try {
      setTransfers((await api.transfers.list()).items);
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    }
  }, [locale]);

  useEffect(() => {
    if (account) void load();
  }, [account, load]);

  const withdraw = async (transfer: Transfer) => {
    if (!window.confirm(t.confirmWithdraw)) return;
    setBusy(transfer.id);
    setProblem(undefined);
    setWithdrawn(false);
    try {
      await api.transfers.withdraw(transfer.id);
      setWithdrawn(true);
      await load();
    } catch (error) {
      setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(undefined);
    }
  };

  const split = account && transfers ? sentAndReceived(transfers, account.id) : undefined;

  const row = (transfer: Transfer, side: 'sent' | 'received') => (
    <li
      key={transfer.id}
      className={styles.row}
      data-transfer-id={transfer.id}
      data-reservation-id={transfer.reservationId}
    >
      <p>
        <span className={`status ${statusClass[transfer.status]}`} data-testid="transfer-status">
          {t.status[transfer.status]}
        </span>{' '}
        {t.reservation(transfer.reservationId)}
      </p>
      <p className="muted small">
        {t.transferNumber} <code>{transfer.id}</code>
      </p>
      <p className="muted small">
        {t.offeredAt} {formatDateTime(transfer.createdAt, locale)}
        {transfer.completedAt ? ` · ${t.completedAt} ${formatDateTime(transfer.completedAt, locale)}` : null}
        {transfer.cancelledAt ? ` · ${t.cancelledAt} ${formatDateTime(transfer.cancelledAt, locale)}` : null}
      </p>
      {side === 'sent' && transfer.status === 'PENDING' ? (
        <div className="actions">
          <button
            type="button"
            className="button small secondary"
            disabled={busy === transfer.id}
            onClick={() => void withdraw(transfer)}
          >
            {t.withdraw}
          </button>
        </div>
      ) : null}
    </li>
  );

  return (
    <section className={styles.stack}>
      <h1>{t.title}</h1>
      <p className="muted">
        {t.intro} <Link href="/my/reservations">{t.toReservations}</Link>
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {withdrawn ? (
        <p className="success" role="status">
          {t.withdrawn}
        </p>
      ) : null}
      <AcceptTransferForm onAccepted={load} />
      {!split ? (
        problem ? null : (
          <p className="loading">{t.loading}</p>
        )
      ) : (
        <div className={styles.stack} data-testid="transfers-loaded">
          <section aria-labelledby="sent-heading">
            <h2 id="sent-heading">{t.sent}</h2>
            {split.sent.length === 0 ? (
              <p className="empty">{t.noneSent}</p>
            ) : (
              <ul className={styles.rows} data-testid="sent-transfers">
                {split.sent.map((transfer) => row(transfer, 'sent'))}
              </ul>
            )}
          </section>
          <section aria-labelledby="received-heading">
            <h2 id="received-heading">{t.received}</h2>
            {split.received.length === 0 ? (
              <p className="empty">{t.noneReceived}</p>
            ) : (
              <ul className={styles.rows} data-testid="received-transfers">
                {split.received.map((transfer) => row(transfer, 'received'))}
              </ul>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
