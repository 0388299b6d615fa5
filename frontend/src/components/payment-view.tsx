'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api/browser';
import { ApiProblem, describeError, type Problem } from '@/lib/api/problem';
import type { Reservation } from '@/lib/api/types';
import { formatCountdown, formatMoney, secondsUntil } from '@/lib/format';
import {
  attemptFingerprint,
  type HeldKey,
  keyForAttempt,
  newIdempotencyKey,
  testCards,
} from '@/lib/payment-key';
import { followPassRequired, useEntryPass } from './entry-pass';
import { ProblemNotice } from './problem-notice';
import { ReservationSummary } from './reservation-summary';
import { loginPath } from './session';

/** Pays a held reservation with a card. */
export function PaymentView({ reservationId }: { reservationId: string }) {
  const router = useRouter();
  const [reservation, setReservation] = useState<Reservation | undefined>();
  const [paymentId, setPaymentId] = useState<string | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const found = await api.reservations.get(reservationId);
        if (stopped) return;
        if (found.status !== 'PENDING_PAYMENT') {
          router.replace(`/reservations/${reservationId}`);
          return;
        }
        setReservation(found);
        const intent = await api.reservations.paymentIntent(reservationId);
        if (!stopped) setPaymentId(intent.paymentIntentId);
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 401)
          router.replace(loginPath(`/reservations/${reservationId}/payment`));
        else setProblem(describeError(error));
      }
    };
    void load();
    return () => {
      stopped = true;
    };
  }, [reservationId, router]);

  if (!reservation)
    return problem ? (
      <ProblemNotice problem={problem} />
    ) : (
      <p className="loading">예매 정보를 불러오는 중…</p>
    );
  return (
    <section className="payment">
      <h1>결제</h1>
      <ReservationSummary reservation={reservation} />
      <HoldCountdown expiresAt={reservation.expiresAt} />
      {problem ? (
        <ProblemNotice problem={problem}>
          <Link href={`/events/${reservation.eventId}/booking`} className="button small">
            다시 예매하기
          </Link>
        </ProblemNotice>
      ) : null}
      {paymentId ? (
        <CardForm reservation={reservation} paymentId={paymentId} />
      ) : problem ? null : (
        <p className="loading">결제를 준비하는 중…</p>
      )}
    </section>
  );
}

function HoldCountdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsUntil(expiresAt, now);
  return (
    <p className={left < 60 ? 'warning' : 'muted'} data-testid="hold-countdown">
      {left > 0
        ? `좌석은 ${formatCountdown(left)} 동안 확보됩니다. 그 안에 결제를 마쳐 주세요.`
        : '좌석 확보 시간이 끝났습니다.'}
    </p>
  );
}

const thisYear = new Date().getFullYear();

function CardForm({ reservation, paymentId }: { reservation: Reservation; paymentId: string }) {
  const router = useRouter();
  useEntryPass(reservation.eventId);
  const heldKey = useRef<HeldKey | undefined>(undefined);
  const [cardNumber, setCardNumber] = useState('');
  const [expMonth, setExpMonth] = useState(12);
  const [expYear, setExpYear] = useState(thisYear + 3);
  const [cvc, setCvc] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [failed, setFailed] = useState(false);
  const [retry, setRetry] = useState<{ readonly attemptsLeft?: number } | undefined>();

  const pay = async (submit: React.FormEvent) => {
    submit.preventDefault();
    const card = { cardNumber, expMonth, expYear, cvc };
    heldKey.current = keyForAttempt(heldKey.current, attemptFingerprint(paymentId, card), newIdempotencyKey);
    setBusy(true);
    setProblem(undefined);
    try {
      await api.payments.confirm(paymentId, card, heldKey.current.key, reservation.eventId);
      router.replace(`/reservations/${reservation.id}`);
    } catch (error) {
      if (followPassRequired(error, router)) return;
      if (error instanceof ApiProblem && error.status === 409) {
        const payment = await api.payments.get(paymentId).catch(() => undefined);
        if (payment?.status === 'succeeded') {
          router.replace(`/reservations/${reservation.id}`);
          return;
        }
      }
      setProblem(describeError(error));
      const another = anotherCard(error);
      setRetry(another);
      // A declined card leaves the hold payable by another card while attempts are left; a payment declined
      // for the last time, timed out or refused stays failed: the fan books again.
      if (!another && error instanceof ApiProblem && [402, 409, 502, 504].includes(error.status))
        setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card-form" onSubmit={pay}>
      <label className="field">
        <span>카드 번호</span>
        <input
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="0000 0000 0000 0000"
          value={cardNumber}
          onChange={(change) => setCardNumber(change.target.value)}
          required
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span>유효기간 (월)</span>
          <select
            name="expMonth"
            value={expMonth}
            onChange={(change) => setExpMonth(Number(change.target.value))}
          >
            {Array.from({ length: 12 }, (_, index) => index + 1).map((month) => (
              <option key={month} value={month}>
                {String(month).padStart(2, '0')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>유효기간 (년)</span>
          <select
            name="expYear"
            value={expYear}
            onChange={(change) => setExpYear(Number(change.target.value))}
          >
            {Array.from({ length: 11 }, (_, index) => thisYear + index).map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>CVC</span>
          <input
            name="cvc"
            inputMode="numeric"
            autoComplete="cc-csc"
            maxLength={4}
            placeholder="123"
            value={cvc}
            onChange={(change) => setCvc(change.target.value)}
            required
          />
        </label>
      </div>
      <details className="hint" open>
        <summary>테스트 카드 번호</summary>
        <ul className="plain">
          {testCards.map((card) => (
            <li key={card.number}>
              <button type="button" className="link-button" onClick={() => setCardNumber(card.number)}>
                {card.number}
              </button>{' '}
              <span className="muted">{card.outcome}</span>
            </li>
          ))}
        </ul>
        <p className="muted small">CVC는 아무 숫자 3자리, 유효기간은 미래 날짜면 됩니다.</p>
      </details>
      {problem ? (
        <ProblemNotice problem={problem}>
          {failed ? (
            <Link href={`/events/${reservation.eventId}/booking`} className="button small">
              다시 예매하기
            </Link>
          ) : null}
          {retry?.attemptsLeft ? (
            <p className="muted small" data-testid="attempts-left">
              남은 결제 시도: {retry.attemptsLeft}번
            </p>
          ) : null}
        </ProblemNotice>
      ) : null}
      <button type="submit" className="button wide" disabled={busy || failed} data-testid="pay-button">
        {busy ? '결제 중…' : `${formatMoney(reservation.amount, reservation.currency)} 결제하기`}
      </button>
    </form>
  );
}

/** After a declined card: whether another card may be tried within the hold, and how many (when told). */
function anotherCard(error: unknown): { readonly attemptsLeft?: number } | undefined {
  if (!(error instanceof ApiProblem) || error.status !== 402) return undefined;
  const { attemptsLeft, paymentStatus } = error.problem;
  if (typeof attemptsLeft === 'number') return attemptsLeft > 0 ? { attemptsLeft } : undefined;
  return paymentStatus === 'requires_payment' ? {} : undefined;
}
