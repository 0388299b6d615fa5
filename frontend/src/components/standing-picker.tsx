'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { TicketType } from '@/lib/api/types';
import { formatCount, formatMoney } from '@/lib/format';
import { followPassRequired } from './entry-pass';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    loading: '티켓 정보를 불러오는 중…',
    left: (left: string, limit: number) => ` · 잔여 ${left}매 · 1인 ${limit}매까지`,
    quantity: '수량',
    tickets: (count: number) => `${count}매`,
    total: '합계',
    holding: '티켓 확보 중…',
    next: '다음: 결제하기',
  },
  en: {
    loading: 'Loading the tickets…',
    left: (left: string, limit: number) => ` · ${left} left · up to ${limit} per fan`,
    quantity: 'Quantity',
    tickets: (count: number) => String(count),
    total: 'Total',
    holding: 'Holding your tickets…',
    next: 'Next: payment',
  },
});

export function StandingPicker({
  eventId,
  performanceId,
  currency,
}: {
  eventId: string;
  performanceId: string | undefined;
  currency: string;
}) {
  const router = useRouter();
  const locale = useLocale();
  const t = text[locale];
  const [types, setTypes] = useState<TicketType[] | undefined>();
  const [choice, setChoice] = useState<{ id: string; quantity: number } | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.booking
      .ticketTypes(eventId, performanceId)
      .then((answer) => setTypes(answer.items))
      .catch((error: unknown) => {
        if (!followPassRequired(error, router)) setProblem(describeError(error, {}, locale));
      });
  }, [eventId, performanceId, router, locale]);

  const reserve = async () => {
    if (!choice) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const reservation = await api.booking.reserveStanding(eventId, choice.id, choice.quantity);
      router.push(`/reservations/${reservation.id}/payment`);
    } catch (error) {
      if (!followPassRequired(error, router)) setProblem(describeError(error, {}, locale));
    } finally {
      setBusy(false);
    }
  };

  if (!types) return problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>;
  const chosen = types.find((type) => type.id === choice?.id);

  return (
    <div className="standing-picker">
      <ul className="ticket-types">
        {types.map((type) => {
          const most = Math.min(type.perUserLimit, type.remaining);
          return (
            <li key={type.id} className={choice?.id === type.id ? 'selected' : undefined}>
              <label>
                <input
                  type="radio"
                  name="ticket-type"
                  disabled={most < 1}
                  checked={choice?.id === type.id}
                  onChange={() => setChoice({ id: type.id, quantity: 1 })}
                />
                <strong>{type.name}</strong> {formatMoney(type.price, currency, locale)}
                <span className="muted">
                  {t.left(formatCount(type.remaining, locale), type.perUserLimit)}
                </span>
              </label>
              {choice?.id === type.id ? (
                <label className="field inline">
                  <span>{t.quantity}</span>
                  <select
                    value={choice.quantity}
                    onChange={(change) => setChoice({ id: type.id, quantity: Number(change.target.value) })}
                  >
                    {Array.from({ length: most }, (_, index) => index + 1).map((count) => (
                      <option key={count} value={count}>
                        {t.tickets(count)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
            </li>
          );
        })}
      </ul>
      {chosen && choice ? (
        <p className="total">
          {t.total} <strong>{formatMoney(chosen.price * choice.quantity, currency, locale)}</strong>
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      <button type="button" className="button wide" disabled={!choice || busy} onClick={reserve}>
        {busy ? t.holding : t.next}
      </button>
    </div>
  );
}
