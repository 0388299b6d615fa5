'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { SeatAvailability } from '@/lib/api/types';
import { formatMoney } from '@/lib/format';
import { gridRows, isGridKey, moveInGrid, tabStopOf } from '@/lib/seat-grid';
import { gradesOf, layoutSeats, seatLabel, seatsLeftByGrade, toggleSeat, zonesOf } from '@/lib/seat-map';
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
  const [focusedSeat, setFocusedSeat] = useState<string | undefined>();
  /** The block shown; `all` shows the hall, undefined means not chosen yet (a phone starts at the overview). */
  const [zone, setZone] = useState<string | undefined>();
  const [narrow, setNarrow] = useState(false);
  useEffect(() => setNarrow(window.matchMedia('(max-width: 820px)').matches), []);
  const mapRef = useRef<HTMLTableElement>(null);

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

  const hall = useMemo(() => layoutSeats(availability?.seats ?? []), [availability]);
  const grades = useMemo(() => gradesOf(availability?.seats ?? []), [availability]);
  const zones = useMemo(() => zonesOf(hall, grades), [hall, grades]);
  const shownZone = zone ?? (narrow && hall.length > 1 ? undefined : 'all');
  const sections = useMemo(
    () => (shownZone === 'all' ? hall : hall.filter((section) => section.name === shownZone)),
    [hall, shownZone],
  );
  const colourOf = useMemo(() => new Map(grades.map((grade) => [grade.name, grade.colour])), [grades]);
  const leftByGrade = useMemo(() => seatsLeftByGrade(availability?.seats ?? []), [availability]);
  const seatById = useMemo(
    () => new Map((availability?.seats ?? []).map((seat) => [seat.id, seat])),
    [availability],
  );
  const rows = useMemo(() => gridRows(sections), [sections]);
  const widest = Math.max(0, ...rows.map((row) => row.length));
  const tabStop = tabStopOf(rows, focusedSeat, (id) => seatById.get(id)?.state === 'available');
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
      setProblem(describeError(error, { seatName: (id) => nameOf(seatById.get(id)) }));
      setSelected([]);
      await load();
    } finally {
      setBusy(false);
    }
  };

  const moveFocus = (event: KeyboardEvent<HTMLTableElement>) => {
    if (!isGridKey(event.key) || tabStop === undefined) return;
    event.preventDefault();
    const next = moveInGrid(rows, focusedSeat ?? tabStop, event.key);
    setFocusedSeat(next);
    mapRef.current?.querySelector<HTMLButtonElement>(`[data-seat-id="${CSS.escape(next)}"]`)?.focus();
  };

  if (!availability)
    return problem ? (
      <ProblemNotice problem={problem} />
    ) : (
      <p className="loading">좌석 배치도를 불러오는 중…</p>
    );

  return (
    <div className="seat-picker">
      <div className="seat-map-frame">
        <h2 className="visually-hidden">좌석 등급</h2>
        <ul className="legend">
          {grades.map((grade) => (
            <li key={grade.name}>
              <span className={`swatch grade-${grade.colour}`} />
              {grade.name}석 {formatMoney(grade.price, currency)}
              <span className="muted seats-left">
                잔여 {(leftByGrade.get(grade.name) ?? 0).toLocaleString('ko-KR')}석
              </span>
            </li>
          ))}
          <li>
            <span className="swatch selected" />
            선택한 좌석
          </li>
          <li>
            <span className="swatch held" />
            다른 분이 결제 중
          </li>
          <li>
            <span className="swatch sold" />
            판매 완료
          </li>
        </ul>
        <p className="muted">
          잔여 {availability.counts.available.toLocaleString('ko-KR')}석 · 최대 {seatLimit}석까지 선택할 수
          있습니다.
        </p>
        <nav className="zone-overview" aria-label="구역 선택">
          <button
            type="button"
            className="zone"
            aria-pressed={shownZone === 'all'}
            onClick={() => setZone('all')}
          >
            전체 보기
          </button>
          {zones.map((block) => (
            <button
              key={block.name}
              type="button"
              className="zone"
              aria-pressed={shownZone === block.name}
              data-testid="zone"
              onClick={() => setZone(block.name)}
            >
              <strong>{block.name}</strong>
              <span className="zone-grades">
                {block.grades.map((grade) => (
                  <span key={grade} className={`swatch grade-${colourOf.get(grade) ?? 0}`} />
                ))}
              </span>
              <span className={block.left === 0 ? 'zone-left none' : 'zone-left'}>
                {block.left === 0 ? '매진' : `잔여 ${block.left.toLocaleString('ko-KR')}석`}
              </span>
            </button>
          ))}
        </nav>
        {shownZone === undefined ? <p className="muted">구역을 고르면 그 구역의 좌석이 보입니다.</p> : null}
        <div className="stage" aria-hidden="true">
          STAGE
        </div>
        {/* One Tab stop for the whole hall; arrows move seat to seat (docs/adr/0044-seat-map-as-a-grid.md). */}
        <div className="seat-map">
          <table
            ref={mapRef}
            data-testid="seat-map"
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table with role grid is the ARIA data-grid pattern; rows and cells keep their table semantics
            role="grid"
            aria-label="좌석 배치도: 화살표 키로 좌석을 옮기고 Enter나 Space로 고릅니다"
            onKeyDown={moveFocus}
          >
            {sections.map((section) => (
              <tbody key={section.name} className="seat-section">
                <tr>
                  <th colSpan={widest + 1} scope="colgroup" className="section-name">
                    {section.name}
                  </th>
                </tr>
                {section.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row" className="row-label" aria-label={`${row.label}열`}>
                      {row.label}
                    </th>
                    {row.seats.map((seat) => {
                      const isSelected = selected.includes(seat.id);
                      const isFree = seat.state === 'available';
                      return (
                        <td key={seat.id}>
                          <button
                            type="button"
                            className={`seat grade-${colourOf.get(seat.grade) ?? 0}${isSelected ? ' selected' : ''}`}
                            data-state={seat.state}
                            data-seat-id={seat.id}
                            tabIndex={seat.id === tabStop ? 0 : -1}
                            aria-disabled={!isFree}
                            aria-pressed={isSelected}
                            aria-label={`${seatLabel(seat)} ${seat.grade}석 ${formatMoney(seat.price, currency)}${stateWords[seat.state]}`}
                            title={`${seatLabel(seat)} · ${seat.grade} · ${formatMoney(seat.price, currency)}`}
                            onFocus={() => setFocusedSeat(seat.id)}
                            onClick={() => {
                              if (isFree) setSelected((current) => toggleSeat(current, seat.id, seatLimit));
                            }}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </div>
      <aside className="booking-summary">
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

const stateWords: Readonly<Record<SeatAvailability['seats'][number]['state'], string>> = {
  available: '',
  held: ' 다른 분이 결제 중',
  sold: ' 판매 완료',
};

const nameOf = (seat: { section: string; row: string; number: number } | undefined) =>
  seat ? seatLabel(seat) : undefined;
