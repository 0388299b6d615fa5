'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
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

const text = bilingual({
  ko: {
    loading: '예매 정보를 불러오는 중…',
    title: '결제',
    bookAgain: '다시 예매하기',
    preparing: '결제를 준비하는 중…',
    holdLeft: (left: string) => `좌석 확보 남은 시간 ${left}`,
    holdNote: '이 시간 안에 결제를 마치면 좌석이 확정됩니다.',
    holdOver: '좌석 확보 시간이 끝났습니다.',
    cardNumber: '카드 번호',
    expMonth: '유효기간 (월)',
    expYear: '유효기간 (년)',
    testCards: '테스트 카드 번호',
    testCardsNote: 'CVC는 아무 숫자 3자리, 유효기간은 미래 날짜면 됩니다.',
    outcomes: [
      '결제 성공 (Visa)',
      '결제 성공 (Mastercard)',
      '카드 거절',
      '잔액 부족',
      '응답 없음 (시간 초과)',
    ],
    attemptsLeft: (count: number) => `남은 결제 시도: ${count}번`,
    paying: '결제 중…',
    pay: (amount: string) => `${amount} 결제하기`,
    merchant: '판매처',
    merchantName: 'URR 티켓',
    cards: '결제 수단',
    cardBrands: 'Visa · Mastercard · 국내 신용/체크카드',
    fee: '예매 수수료',
    noFee: '없음 (표시된 금액만 결제됩니다)',
    cancellation: '취소 규정',
    cancellationTerms: '공연 시작 전까지 내 예매에서 취소할 수 있으며, 결제 금액은 전액 환불됩니다.',
    secure: '카드 정보는 결제사로만 전달되며 URR에 저장되지 않습니다.',
    consent: '결제하기를 누르면 위 취소 규정에 동의하는 것으로 봅니다.',
  },
  en: {
    loading: 'Loading your booking…',
    title: 'Payment',
    bookAgain: 'Book again',
    preparing: 'Getting the payment ready…',
    holdLeft: (left: string) => `Seats held for ${left}`,
    holdNote: 'Pay within this time and the seats are yours.',
    holdOver: 'The time to pay has run out.',
    cardNumber: 'Card number',
    expMonth: 'Expiry month',
    expYear: 'Expiry year',
    testCards: 'Test card numbers',
    testCardsNote: 'Any 3-digit CVC and any future expiry date work.',
    outcomes: [
      'Succeeds (Visa)',
      'Succeeds (Mastercard)',
      'Declined',
      'Insufficient funds',
      'No answer (time-out)',
    ],
    attemptsLeft: (count: number) => `Payment attempts left: ${count}`,
    paying: 'Paying…',
    pay: (amount: string) => `Pay ${amount}`,
    merchant: 'Sold by',
    merchantName: 'URR Tickets',
    cards: 'We accept',
    cardBrands: 'Visa · Mastercard · Korean credit and debit cards',
    fee: 'Booking fee',
    noFee: 'None (you pay the amount shown)',
    cancellation: 'Cancellation',
    cancellationTerms: 'Cancel in My bookings any time before the show starts for a full refund.',
    secure: 'Your card details go to the payment provider only; URR does not store them.',
    consent: 'By pressing Pay you agree to the cancellation terms above.',
  },
});

/** Pays a held reservation with a card. */
export function PaymentView({ reservationId }: { reservationId: string }) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
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
        else setProblem(describeError(error, {}, locale));
      }
    };
    void load();
    return () => {
      stopped = true;
    };
  }, [reservationId, router, locale]);

  if (!reservation)
    return problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>;
  return (
    <section className="payment">
      <h1>{t.title}</h1>
      <HoldCountdown expiresAt={reservation.expiresAt} />
      <ReservationSummary reservation={reservation} />
      <dl className="payment-terms" data-testid="payment-terms">
        <dt>{t.merchant}</dt>
        <dd>{t.merchantName}</dd>
        <dt>{t.cards}</dt>
        <dd>{t.cardBrands}</dd>
        <dt>{t.fee}</dt>
        <dd>{t.noFee}</dd>
        <dt>{t.cancellation}</dt>
        <dd>{t.cancellationTerms}</dd>
      </dl>
      {problem ? (
        <ProblemNotice problem={problem}>
          <Link href={`/events/${reservation.eventId}/booking`} className="button small">
            {t.bookAgain}
          </Link>
        </ProblemNotice>
      ) : null}
      {paymentId ? (
        <CardForm reservation={reservation} paymentId={paymentId} />
      ) : problem ? null : (
        <p className="loading">{t.preparing}</p>
      )}
    </section>
  );
}

function HoldCountdown({ expiresAt }: { expiresAt: string }) {
  const t = text[useLocale()];
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const left = secondsUntil(expiresAt, now);
  return (
    <div className={left < 60 ? 'hold-timer urgent' : 'hold-timer'} data-testid="hold-countdown" role="timer">
      {left > 0 ? (
        <>
          <strong>{t.holdLeft(formatCountdown(left))}</strong>
          <span>{t.holdNote}</span>
        </>
      ) : (
        <strong>{t.holdOver}</strong>
      )}
    </div>
  );
}

const thisYear = new Date().getFullYear();

function CardForm({ reservation, paymentId }: { reservation: Reservation; paymentId: string }) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
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
      setProblem(describeError(error, {}, locale));
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
        <span>{t.cardNumber}</span>
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
          <span>{t.expMonth}</span>
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
          <span>{t.expYear}</span>
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
        <summary>{t.testCards}</summary>
        <ul className="plain">
          {testCards.map((card, index) => (
            <li key={card.number}>
              <button type="button" className="link-button" onClick={() => setCardNumber(card.number)}>
                {card.number}
              </button>{' '}
              <span className="muted">{t.outcomes[index] ?? card.outcome}</span>
            </li>
          ))}
        </ul>
        <p className="muted small">{t.testCardsNote}</p>
      </details>
      {problem ? (
        <ProblemNotice problem={problem}>
          {failed ? (
            <Link href={`/events/${reservation.eventId}/booking`} className="button small">
              {t.bookAgain}
            </Link>
          ) : null}
          {retry?.attemptsLeft ? (
            <p className="muted small" data-testid="attempts-left">
              {t.attemptsLeft(retry.attemptsLeft)}
            </p>
          ) : null}
        </ProblemNotice>
      ) : null}
      <p className="muted small">{t.secure}</p>
      <p className="muted small">{t.consent}</p>
      <button type="submit" className="button wide" disabled={busy || failed} data-testid="pay-button">
        {busy ? t.paying : t.pay(formatMoney(reservation.amount, reservation.currency, locale))}
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
