'use client';

import { useRouter } from 'next/navigation';
import {
  type CSSProperties,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { bilingual, type Locale } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { api } from '@/lib/api/browser';
import { describeError, type Problem } from '@/lib/api/problem';
import type { SeatAvailability } from '@/lib/api/types';
import { formatCount, formatMoney } from '@/lib/format';
import type { PlacedBlock } from '@/lib/hall-layout';
import { gridRows, isGridKey, moveInGrid, tabStopOf } from '@/lib/seat-grid';
import {
  gradesOf,
  hallOf,
  layoutSeats,
  seatLabel,
  seatsLeftByGrade,
  toggleSeat,
  zonesOf,
} from '@/lib/seat-map';
import { followPassRequired } from './entry-pass';
import { ProblemNotice } from './problem-notice';

const text = bilingual({
  ko: {
    loading: '좌석 배치도를 불러오는 중…',
    grades: '좌석 등급',
    grade: (grade: string) => `${grade}석`,
    left: (count: string) => `잔여 ${count}석`,
    selectedSwatch: '선택한 좌석',
    held: '다른 분이 결제 중',
    sold: '판매 완료',
    limit: (left: string, limit: number) => `잔여 ${left}석 · 최대 ${limit}석까지 선택할 수 있습니다.`,
    zones: '구역 선택',
    wholeHall: '전체 보기',
    zoneSoldOut: '매진',
    pickZone: '구역을 고르면 그 구역의 좌석이 보입니다.',
    map: '좌석 배치도: 화살표 키로 좌석을 옮기고 Enter나 Space로 고릅니다',
    row: (row: string) => `${row}열`,
    chosen: '선택한 좌석',
    none: '좌석 배치도에서 좌석을 눌러 주세요.',
    total: '합계',
    holding: '좌석 확보 중…',
    confirm: '좌석 선택 완료',
    refresh: '좌석 새로고침',
  },
  en: {
    loading: 'Loading the seat map…',
    grades: 'Seat grades',
    grade: (grade: string) => grade,
    left: (count: string) => `${count} left`,
    selectedSwatch: 'Your choice',
    held: 'Being paid for',
    sold: 'Sold',
    limit: (left: string, limit: number) => `${left} seats left · up to ${limit} seats per booking.`,
    zones: 'Blocks',
    wholeHall: 'Whole hall',
    zoneSoldOut: 'Sold out',
    pickZone: 'Pick a block to see its seats.',
    map: 'Seat map: move with the arrow keys, pick with Enter or Space',
    row: (row: string) => `Row ${row}`,
    chosen: 'Your seats',
    none: 'Tap a seat on the map.',
    total: 'Total',
    holding: 'Holding your seats…',
    confirm: 'Continue with these seats',
    refresh: 'Refresh seats',
  },
});

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
  const locale = useLocale();
  const t = text[locale];
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
      if (!followPassRequired(error, router)) setProblem(describeError(error, {}, locale));
    }
  }, [eventId, performanceId, router, locale]);

  useEffect(() => {
    setSelected([]);
    void load();
  }, [load]);

  const hall = useMemo(() => layoutSeats(availability?.seats ?? []), [availability]);
  const grades = useMemo(() => gradesOf(availability?.seats ?? []), [availability]);
  const zones = useMemo(() => zonesOf(hall, grades), [hall, grades]);
  const zonePlan = useMemo(() => hallOf(hall), [hall]);
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
  const seatPlan = useMemo(() => hallOf(sections), [sections]);
  const rows = useMemo(() => gridRows(sections), [sections]);
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
      setProblem(describeError(error, { seatName: (id) => nameOf(seatById.get(id), locale) }, locale));
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
    return problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>;

  return (
    <div className="seat-picker">
      <div className="seat-map-frame">
        <h2 className="visually-hidden">{t.grades}</h2>
        <ul className="legend">
          {grades.map((grade) => (
            <li key={grade.name}>
              <span className={`swatch grade-${grade.colour}`} />
              {t.grade(grade.name)} {formatMoney(grade.price, currency, locale)}
              <span className="muted seats-left">
                {t.left(formatCount(leftByGrade.get(grade.name) ?? 0, locale))}
              </span>
            </li>
          ))}
          <li>
            <span className="swatch selected" />
            {t.selectedSwatch}
          </li>
          <li>
            <span className="swatch held" />
            {t.held}
          </li>
          <li>
            <span className="swatch sold" />
            {t.sold}
          </li>
        </ul>
        <p className="muted">{t.limit(formatCount(availability.counts.available, locale), seatLimit)}</p>
        <nav className="zone-overview" aria-label={t.zones}>
          <button
            type="button"
            className="zone"
            aria-pressed={shownZone === 'all'}
            onClick={() => setZone('all')}
          >
            {t.wholeHall}
          </button>
          {shownZone === undefined ? <Stage /> : null}
          {/* The blocks where they are in the hall (docs/adr/0049-the-hall-laid-out.md). */}
          <div
            className="zone-hall"
            style={{ gridTemplateColumns: `repeat(${zonePlan.width}, minmax(0, 1fr))` }}
          >
            {zones.map((block, index) => (
              <button
                key={block.name}
                type="button"
                className="zone"
                style={placed(zonePlan.blocks[index])}
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
                  {block.left === 0 ? t.zoneSoldOut : t.left(formatCount(block.left, locale))}
                </span>
              </button>
            ))}
          </div>
        </nav>
        {shownZone === undefined ? <p className="muted">{t.pickZone}</p> : <Stage />}
        {/* One Tab stop for the whole hall; arrows move seat to seat (docs/adr/0044-seat-map-as-a-grid.md). */}
        <div className="seat-map">
          <table
            ref={mapRef}
            data-testid="seat-map"
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table with role grid is the ARIA data-grid pattern; rows and cells keep their table semantics
            role="grid"
            aria-label={t.map}
            onKeyDown={moveFocus}
            style={{ gridTemplateColumns: `repeat(${seatPlan.width}, var(--seat-pitch))` }}
          >
            {sections.map((section, index) => (
              <tbody
                key={section.name}
                // biome-ignore lint/a11y/noRedundantRoles: a block is a box of the hall's CSS grid, and a CSS display on table parts can drop their implicit roles
                role="rowgroup"
                className="seat-section"
                style={placed(seatPlan.blocks[index])}
              >
                <tr>
                  <th
                    colSpan={Math.max(0, ...section.rows.map((row) => row.seats.length)) + 1}
                    scope="colgroup"
                    className="section-name"
                  >
                    {section.name}
                  </th>
                </tr>
                {section.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row" className="row-label" aria-label={t.row(row.label)}>
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
                            aria-label={`${seatLabel(seat, locale)} ${t.grade(seat.grade)} ${formatMoney(seat.price, currency, locale)}${seat.state === 'available' ? '' : ` ${seat.state === 'held' ? t.held : t.sold}`}`}
                            title={`${seatLabel(seat, locale)} · ${seat.grade} · ${formatMoney(seat.price, currency, locale)}`}
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
        <h2>{t.chosen}</h2>
        {chosen.length === 0 ? <p className="muted">{t.none}</p> : null}
        <ul className="chosen" data-testid="chosen-seats">
          {chosen.map((seat) => (
            <li key={seat.id}>
              {seatLabel(seat, locale)} <span className="muted">{t.grade(seat.grade)}</span>{' '}
              {formatMoney(seat.price, currency, locale)}
            </li>
          ))}
        </ul>
        <p className="total">
          {t.total} <strong>{formatMoney(total, currency, locale)}</strong>
        </p>
        {problem ? <ProblemNotice problem={problem} /> : null}
        <button
          type="button"
          className="button wide"
          disabled={chosen.length === 0 || busy}
          onClick={reserve}
        >
          {busy ? t.holding : t.confirm}
        </button>
        <button type="button" className="button secondary wide" onClick={() => void load()}>
          {t.refresh}
        </button>
      </aside>
    </div>
  );
}

/** A block's place on the hall's CSS grid: its columns, and its tier as the grid row. */
const placed = (place: PlacedBlock | undefined): CSSProperties | undefined =>
  place && { gridColumn: `${place.x + 1} / span ${place.width}`, gridRow: place.tier + 1 };

function Stage() {
  return (
    <div className="stage" aria-hidden="true">
      STAGE
    </div>
  );
}

const nameOf = (seat: { section: string; row: string; number: number } | undefined, locale: Locale) =>
  seat ? seatLabel(seat, locale) : undefined;
