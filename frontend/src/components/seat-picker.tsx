'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { SeatAvailability } from '@/lib/api/types';
import { formatMoney } from '@/lib/format';
import { gradesOf, layoutSeats, seatLabel, toggleSeat } from '@/lib/seat-map';
import { followPassRequired } from './entry-pass';
import { ProblemNotice } from './problem-notice';

/** At most this many seats in one reservation (ticket-service checks the event's own limit). */
const seatLimit = 4;

export function SeatPicker({
  eventId,
  performanceId,
  currency,
}: {
  eventId: string;
  performanceId: string | undefined;
  currency: string;
}) {
  const router = useRouter();
  const [availability, setAvailability] = useState<SeatAvailability | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setAvailability(await api.booking.seats(eventId, performanceId));
    } catch (error) {
      if (!followPassRequired(error, router)) setProblem(describeError(error));
    }
  }, [eventId, performanceId, router]);

  useEffect(() => {
    setSelected([]);
    void load();
  }, [load]);

  const sections = useMemo(() => layoutSeats(availability?.seats ?? []), [availability]);
  const grades = useMemo(() => gradesOf(availability?.seats ?? []), [availability]);
  const colourOf = useMemo(() => new Map(grades.map((grade) => [grade.name, grade.colour])), [grades]);
  const chosen = useMemo(
    () => (availability?.seats ?? []).filter((seat) => selected.includes(seat.id)),
    [availability, selected],
  );
  const total = chosen.reduce((sum, seat) => sum + seat.price, 0);

  const reserve = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const reservation = await api.booking.reserveSeats(eventId, selected);
      router.push(`/reservations/${reservation.id}/payment`);
    } catch (error) {
      if (followPassRequired(error, router)) return;
      setProblem(describeError(error));
      setSelected([]);
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (!availability)
    return problem ? (
      <ProblemNotice problem={problem} />
    ) : (
      <p className="loading">좌석 배치도를 불러오는 중…</p>
    );

  return (
    <div className="seat-picker">
      <div className="seat-map" data-testid="seat-map">
        <div className="stage">STAGE</div>
        {sections.map((section) => (
          <div key={section.name} className="seat-section">
            <h3>{section.name}</h3>
            {section.rows.map((row) => (
              <div key={row.label} className="seat-row">
                <span className="row-label">{row.label}</span>
                {row.seats.map((seat) => {
                  const isSelected = selected.includes(seat.id);
                  return (
                    <button
                      key={seat.id}
                      type="button"
                      className={`seat grade-${colourOf.get(seat.grade) ?? 0}${isSelected ? ' selected' : ''}`}
                      data-state={seat.state}
                      data-seat-id={seat.id}
                      disabled={seat.state !== 'available'}
                      aria-pressed={isSelected}
                      aria-label={`${seatLabel(seat)} ${seat.grade}석 ${formatMoney(seat.price, currency)}`}
                      title={`${seatLabel(seat)} · ${seat.grade} · ${formatMoney(seat.price, currency)}`}
                      onClick={() => setSelected((current) => toggleSeat(current, seat.id, seatLimit))}
                    />
                  );
                })}
              </div>
            ))}
          </div>
        ))}
      </div>
      <aside className="booking-summary">
        <h2>좌석 등급</h2>
        <ul className="legend">
          {grades.map((grade) => (
            <li key={grade.name}>
              <span className={`swatch grade-${grade.colour}`} />
              {grade.name}석 {formatMoney(grade.price, currency)}
            </li>
          ))}
          <li>
            <span className="swatch taken" />
            선택 불가
          </li>
        </ul>
        <p className="muted">
          잔여 {availability.counts.available.toLocaleString('ko-KR')}석 · 최대 {seatLimit}석까지 선택할 수
          있습니다.
        </p>
        <h2>선택한 좌석</h2>
        {chosen.length === 0 ? <p className="muted">좌석 배치도에서 좌석을 눌러 주세요.</p> : null}
        <ul className="chosen" data-testid="chosen-seats">
          {chosen.map((seat) => (
            <li key={seat.id}>
              {seatLabel(seat)} <span className="muted">{seat.grade}석</span>{' '}
              {formatMoney(seat.price, currency)}
            </li>
          ))}
        </ul>
        <p className="total">
          합계 <strong>{formatMoney(total, currency)}</strong>
        </p>
        {problem ? <ProblemNotice problem={problem} /> : null}
        <button
          type="button"
          className="button wide"
          disabled={chosen.length === 0 || busy}
          onClick={reserve}
        >
          {busy ? '좌석 확보 중…' : '좌석 선택 완료'}
        </button>
        <button type="button" className="button secondary wide" onClick={() => void load()}>
          좌석 새로고침
        </button>
      </aside>
    </div>
  );
}
