'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { TicketType } from '@/lib/api/types';
import { formatMoney } from '@/lib/format';
import { followPassRequired } from './entry-pass';
import { ProblemNotice } from './problem-notice';

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
  const [types, setTypes] = useState<TicketType[] | undefined>();
  const [choice, setChoice] = useState<{ id: string; quantity: number } | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.booking
      .ticketTypes(eventId, performanceId)
      .then((answer) => setTypes(answer.items))
      .catch((error: unknown) => {
        if (!followPassRequired(error, router)) setProblem(describeError(error));
      });
  }, [eventId, performanceId, router]);

  const reserve = async () => {
    if (!choice) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const reservation = await api.booking.reserveStanding(eventId, choice.id, choice.quantity);
      router.push(`/reservations/${reservation.id}/payment`);
    } catch (error) {
      if (!followPassRequired(error, router)) setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  if (!types)
    return problem ? (
      <ProblemNotice problem={problem} />
    ) : (
      <p className="loading">티켓 정보를 불러오는 중…</p>
    );
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
                <strong>{type.name}</strong> {formatMoney(type.price, currency)}
                <span className="muted">
                  {' '}
                  · 잔여 {type.remaining.toLocaleString('ko-KR')}매 · 1인 {type.perUserLimit}매까지
                </span>
              </label>
              {choice?.id === type.id ? (
                <label className="field inline">
                  <span>수량</span>
                  <select
                    value={choice.quantity}
                    onChange={(change) => setChoice({ id: type.id, quantity: Number(change.target.value) })}
                  >
                    {Array.from({ length: most }, (_, index) => index + 1).map((count) => (
                      <option key={count} value={count}>
                        {count}매
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
          합계 <strong>{formatMoney(chosen.price * choice.quantity, currency)}</strong>
        </p>
      ) : null}
      {problem ? <ProblemNotice problem={problem} /> : null}
      <button type="button" className="button wide" disabled={!choice || busy} onClick={reserve}>
        {busy ? '티켓 확보 중…' : '다음: 결제하기'}
      </button>
    </div>
  );
}
