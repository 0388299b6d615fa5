'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { bilingual } from '@/i18n/locale';
import { useLocale } from '@/i18n/locale-context';
import { writtenIn } from '@/i18n/written-in';
import type { AdminEventDetail } from '@/lib/api/admin-types';
import { api } from '@/lib/api/browser';
import type { Problem } from '@/lib/api/problem';
import { formatCount, formatMoney } from '@/lib/format';
import { describeOrganiserError } from '@/lib/organiser-problem';
import {
  type BlockDraft,
  draftIssues,
  draftOf,
  gradeColours,
  layoutOf,
  moveBlock,
  type RowLabelStyle,
  renameGrade,
  reshapeBlock,
  type SeatMapDraft,
  seatMapLimits,
  seatsOfBlock,
  totalSeats,
  totalsByGrade,
} from '@/lib/seat-map-editor';
import { AdminNav } from './admin-nav';
import styles from './organiser.module.css';
import { ProblemNotice } from './problem-notice';
import { SeatMapDrawing } from './seat-map-drawing';

const text = bilingual({
  ko: {
    title: '좌석 배치도',
    loading: '좌석 배치도를 불러오는 중…',
    back: '공연 관리로',
    standing: '스탠딩 공연은 좌석 배치도가 없습니다. 공연 관리 화면에서 티켓 종류를 정하세요.',
    locked:
      '이미 예매된 좌석이 있어 배치도는 바꿀 수 없습니다. 등급 가격만 바꿀 수 있습니다 (이미 예매한 분은 예매 당시 가격 그대로입니다).',
    grades: '등급과 가격',
    gradeName: '등급명',
    price: (currency: string) => `가격 (${currency})`,
    addGrade: '등급 추가',
    removeGrade: (name: string) => `등급 ${name} 삭제`,
    remove: '삭제',
    gradeInUse: '이 등급을 쓰는 구역이 있어 지울 수 없습니다',
    newBlock: '구역 추가',
    blockName: '구역명',
    rows: '열 수',
    seatsPerRow: '열당 좌석 수',
    grade: '등급',
    rowLabels: '열 이름',
    letters: 'A, B, C…',
    numbers: '1, 2, 3…',
    addBlock: '구역 추가하기',
    blocks: '구역 (무대 앞 줄부터, 왼쪽에서 오른쪽 순)',
    noBlocks: '아직 구역이 없습니다. 위에서 구역을 추가하세요.',
    blockLegend: (index: number, name: string) => `${index + 1}. ${name || '이름 없는 구역'}`,
    blockSeats: (seats: number) => `${formatCount(seats, 'ko')}석`,
    savedRows:
      '저장된 배치의 열 길이나 등급이 고르지 않습니다. 열 수·좌석 수·등급을 바꾸면 고른 구역이 됩니다.',
    moveForward: '앞으로',
    moveBack: '뒤로',
    removeBlock: '구역 삭제',
    totals: '등급별 좌석',
    gradeColumn: '등급',
    seatsColumn: '좌석',
    priceColumn: '가격',
    takingsColumn: '전석 판매 시 (회차당)',
    total: '합계',
    issuesTitle: '저장하기 전에 고칠 점',
    save: '배치도 저장',
    saving: '저장 중…',
    saved: (seats: number, created: number) =>
      `저장했습니다: 회차당 ${formatCount(seats, 'ko')}석, 모든 회차에 좌석 ${formatCount(created, 'ko')}개를 만들었습니다.`,
    savePrice: '가격 저장',
    priceSaved: (name: string) => `${name} 등급 가격을 저장했습니다.`,
    firstPerformanceHint: '좌석은 회차마다 만들어집니다. 회차가 없으면 회차를 추가할 때 만들어집니다.',
    defaultBlockName: (number: number) => `구역 ${number}`,
    defaultGradeName: (number: number) => `등급${number}`,
  },
  en: {
    title: 'Seat map',
    loading: 'Loading the seat map…',
    back: 'Back to the event',
    standing: "A standing event has no seat map. Set its ticket types on the event's admin page.",
    locked:
      "Seats are already booked, so the map can't change. Only grade prices can (people who already booked keep the price they paid).",
    grades: 'Grades and prices',
    gradeName: 'Grade',
    price: (currency: string) => `Price (${currency})`,
    addGrade: 'Add a grade',
    removeGrade: (name: string) => `Delete grade ${name}`,
    remove: 'Delete',
    gradeInUse: "A section uses this grade, so it can't be deleted",
    newBlock: 'Add a section',
    blockName: 'Section name',
    rows: 'Rows',
    seatsPerRow: 'Seats per row',
    grade: 'Grade',
    rowLabels: 'Row names',
    letters: 'A, B, C…',
    numbers: '1, 2, 3…',
    addBlock: 'Add section',
    blocks: 'Sections (front row first, left to right)',
    noBlocks: 'No sections yet. Add one above.',
    blockLegend: (index: number, name: string) => `${index + 1}. ${name || 'Unnamed section'}`,
    blockSeats: (seats: number) => (seats === 1 ? '1 seat' : `${formatCount(seats, 'en')} seats`),
    savedRows:
      'The saved rows of this section differ in length or grade. Changing its rows, seats or grade makes it an even section.',
    moveForward: 'Forward',
    moveBack: 'Back',
    removeBlock: 'Delete section',
    totals: 'Seats by grade',
    gradeColumn: 'Grade',
    seatsColumn: 'Seats',
    priceColumn: 'Price',
    takingsColumn: 'If every seat sells (per performance)',
    total: 'Total',
    issuesTitle: 'To fix before saving',
    save: 'Save the seat map',
    saving: 'Saving…',
    saved: (seats: number, created: number) =>
      `Saved: ${formatCount(seats, 'en')} seats per performance; ${formatCount(created, 'en')} seats created across all performances.`,
    savePrice: 'Save price',
    priceSaved: (name: string) => `Saved the price of grade ${name}.`,
    firstPerformanceHint:
      'Seats are made for each performance. With no performances yet, they are made when you add one.',
    defaultBlockName: (number: number) => `Section ${number}`,
    defaultGradeName: (number: number) => `Grade${number}`,
  },
});

const defaultDraft: SeatMapDraft = {
  grades: [
    { name: 'VIP', price: 198_000 },
    { name: 'R', price: 165_000 },
    { name: 'S', price: 132_000 },
  ],
  blocks: [],
};

const newKey = () => `block-${crypto.randomUUID()}`;
const numberOf = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
const swatches = [styles.bg0, styles.bg1, styles.bg2, styles.bg3, styles.bg4];

/**
 * `/admin/events/{id}/seat-map`: the organiser draws the hall (blocks of rows of seats under the stage),
 * sets the grades and their prices, sees the map as fans will and saves it with `PUT …/seat-map`.
 * Every change is made with the forms; the drawing beside them follows.
 */
export function SeatMapEditor({ eventId }: { eventId: string }) {
  const [detail, setDetail] = useState<AdminEventDetail | undefined>();
  const [draft, setDraft] = useState<SeatMapDraft>(defaultDraft);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  const [newBlock, setNewBlock] = useState({
    name: '',
    rows: '10',
    seatsPerRow: '20',
    grade: 'VIP',
    rowLabels: 'letters' as RowLabelStyle,
  });
  const locale = useLocale();
  const t = text[locale];

  const load = useCallback(async () => {
    try {
      const loaded = await api.organiser.events.detail(eventId);
      setDetail(loaded);
      if (loaded.seatMap.sections.length > 0) setDraft(draftOf(loaded.seatMap, () => newKey()));
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    }
  }, [eventId, locale]);

  useEffect(() => {
    void load();
  }, [load]);

  const issues = useMemo(() => draftIssues(draft, locale), [draft, locale]);
  const totals = useMemo(() => totalsByGrade(draft), [draft]);
  const colours = useMemo(() => gradeColours(draft.grades), [draft.grades]);
  const currency = detail?.event.currency ?? 'KRW';
  const locked = detail ? detail.sales.seatsSold + detail.sales.seatsHeld > 0 : false;
  const gradeNames = draft.grades.map((grade) => grade.name.trim()).filter(Boolean);
  const usedGrades = new Set(
    draft.blocks.flatMap((block) => (block.savedRows ?? [block]).map((row) => row.grade.trim())),
  );
  // The grade a new block gets: the one picked while it is still on the list, else the first.
  const newBlockGrade = gradeNames.includes(newBlock.grade) ? newBlock.grade : (gradeNames[0] ?? '');

  const setBlock = (key: string, change: (block: BlockDraft) => BlockDraft) =>
    setDraft((current) => ({
      ...current,
      blocks: current.blocks.map((block) => (block.key === key ? change(block) : block)),
    }));

  const addBlock = (event: React.FormEvent) => {
    event.preventDefault();
    const key = newKey();
    setDraft((current) => ({
      ...current,
      blocks: [
        ...current.blocks,
        {
          key,
          name: newBlock.name.trim() || t.defaultBlockName(current.blocks.length + 1),
          rows: numberOf(newBlock.rows),
          seatsPerRow: numberOf(newBlock.seatsPerRow),
          grade: newBlockGrade,
          rowLabels: newBlock.rowLabels,
        },
      ],
    }));
    setSelected(key);
    setNewBlock((current) => ({ ...current, name: '' }));
  };

  const save = async () => {
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      const result = await api.admin.setSeatMap(eventId, layoutOf(draft));
      setNotice(t.saved(result.seatsPerPerformance, result.seatsCreated));
      await load();
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const savePrice = async (gradeId: string, name: string, price: number) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.organiser.events.gradePrice(eventId, gradeId, price);
      setNotice(t.priceSaved(name));
      await load();
    } catch (error) {
      setProblem(describeOrganiserError(error, locale));
    }
  };

  if (!detail)
    return (
      <section className="admin">
        <AdminNav />
        {problem ? <ProblemNotice problem={problem} /> : <p className="loading">{t.loading}</p>}
      </section>
    );

  const header = (
    <>
      <AdminNav />
      <h1>
        {t.title}: <span lang={writtenIn(detail.event.title)}>{detail.event.title}</span>
      </h1>
      <p>
        <Link href={`/admin/events/${eventId}`}>{t.back}</Link>
      </p>
      {problem ? <ProblemNotice problem={problem} /> : null}
      {notice ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}
    </>
  );

  if (detail.event.kind === 'standing')
    return (
      <section className="admin">
        {header}
        <p>{t.standing}</p>
      </section>
    );

  if (locked)
    return (
      <section className="admin">
        {header}
        <p className="warning">{t.locked}</p>
        <div className={styles.editor}>
          <div className={styles.forms}>
            <fieldset>
              <legend>{t.grades}</legend>
              {detail.seatMap.grades.map((grade) => (
                <GradePriceForm key={grade.id} grade={grade} currency={currency} onSave={savePrice} />
              ))}
            </fieldset>
          </div>
          <SeatMapDrawing draft={draft} currency={currency} />
        </div>
      </section>
    );

  return (
    <section className="admin">
      {header}
      <div className={styles.editor}>
        <div className={styles.forms}>
          <fieldset>
            <legend>{t.grades}</legend>
            {draft.grades.map((grade, index) => {
              const name = grade.name.trim();
              const inUse = usedGrades.has(name);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a grade is its place in the list while its name is typed
                <div className={styles.row} key={index}>
                  <span
                    className={`${styles.swatch} ${swatches[colours.get(name) ?? 0]}`}
                    aria-hidden="true"
                  />
                  <label className="field">
                    <span>{t.gradeName}</span>
                    <input
                      value={grade.name}
                      maxLength={seatMapLimits.gradeName}
                      onChange={(change) =>
                        setDraft((current) => renameGrade(current, index, change.target.value))
                      }
                    />
                  </label>
                  <label className="field">
                    <span>{t.price(currency)}</span>
                    <input
                      type="number"
                      min={0}
                      max={seatMapLimits.price}
                      step={1000}
                      value={Number.isNaN(grade.price) ? '' : grade.price}
                      onChange={(change) =>
                        setDraft((current) => ({
                          ...current,
                          grades: current.grades.map((one, at) =>
                            at === index ? { ...one, price: numberOf(change.target.value) } : one,
                          ),
                        }))
                      }
                    />
                  </label>
                  <button
                    type="button"
                    className="button secondary small"
                    disabled={inUse}
                    title={inUse ? t.gradeInUse : undefined}
                    aria-label={t.removeGrade(name)}
                    onClick={() =>
                      setDraft((current) => ({
                        ...current,
                        grades: current.grades.filter((_, at) => at !== index),
                      }))
                    }
                  >
                    {t.remove}
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button secondary small"
              disabled={draft.grades.length >= seatMapLimits.grades}
              onClick={() =>
                setDraft((current) => ({
                  ...current,
                  grades: [
                    ...current.grades,
                    { name: t.defaultGradeName(current.grades.length + 1), price: 0 },
                  ],
                }))
              }
            >
              {t.addGrade}
            </button>
          </fieldset>

          <form onSubmit={addBlock} aria-label={t.newBlock}>
            <fieldset>
              <legend>{t.newBlock}</legend>
              <label className="field">
                <span>{t.blockName}</span>
                <input
                  value={newBlock.name}
                  maxLength={seatMapLimits.blockName}
                  onChange={(change) => setNewBlock({ ...newBlock, name: change.target.value })}
                />
              </label>
              <div className={styles.row}>
                <label className="field">
                  <span>{t.rows}</span>
                  <input
                    type="number"
                    min={1}
                    max={seatMapLimits.rows}
                    value={newBlock.rows}
                    onChange={(change) => setNewBlock({ ...newBlock, rows: change.target.value })}
                  />
                </label>
                <label className="field">
                  <span>{t.seatsPerRow}</span>
                  <input
                    type="number"
                    min={1}
                    max={seatMapLimits.seatsPerRow}
                    value={newBlock.seatsPerRow}
                    onChange={(change) => setNewBlock({ ...newBlock, seatsPerRow: change.target.value })}
                  />
                </label>
              </div>
              <div className={styles.row}>
                <GradeSelect
                  value={newBlockGrade}
                  names={gradeNames}
                  onChange={(grade) => setNewBlock({ ...newBlock, grade })}
                />
                <RowLabelSelect
                  value={newBlock.rowLabels}
                  onChange={(rowLabels) => setNewBlock({ ...newBlock, rowLabels })}
                />
              </div>
              <button
                type="submit"
                className="button small"
                disabled={draft.blocks.length >= seatMapLimits.blocks}
              >
                {t.addBlock}
              </button>
            </fieldset>
          </form>

          <h2>{t.blocks}</h2>
          {draft.blocks.length === 0 ? <p className="muted">{t.noBlocks}</p> : null}
          {draft.blocks.map((block, index) => (
            <fieldset
              key={block.key}
              data-block-key={block.key}
              data-testid="seat-map-block"
              onFocus={() => setSelected(block.key)}
            >
              <legend>
                {t.blockLegend(index, block.name)} · {t.blockSeats(seatsOfBlock(block))}
              </legend>
              <label className="field">
                <span>{t.blockName}</span>
                <input
                  value={block.name}
                  maxLength={seatMapLimits.blockName}
                  onChange={(change) => setBlock(block.key, (one) => ({ ...one, name: change.target.value }))}
                />
              </label>
              {block.savedRows ? <p className="muted small">{t.savedRows}</p> : null}
              <div className={styles.row}>
                <label className="field">
                  <span>{t.rows}</span>
                  <input
                    type="number"
                    min={1}
                    max={seatMapLimits.rows}
                    value={Number.isNaN(block.rows) ? '' : block.rows}
                    onChange={(change) =>
                      setBlock(block.key, (one) => reshapeBlock(one, { rows: numberOf(change.target.value) }))
                    }
                  />
                </label>
                <label className="field">
                  <span>{t.seatsPerRow}</span>
                  <input
                    type="number"
                    min={1}
                    max={seatMapLimits.seatsPerRow}
                    value={Number.isNaN(block.seatsPerRow) ? '' : block.seatsPerRow}
                    onChange={(change) =>
                      setBlock(block.key, (one) =>
                        reshapeBlock(one, { seatsPerRow: numberOf(change.target.value) }),
                      )
                    }
                  />
                </label>
              </div>
              <div className={styles.row}>
                <GradeSelect
                  value={block.grade}
                  names={gradeNames}
                  onChange={(grade) => setBlock(block.key, (one) => reshapeBlock(one, { grade }))}
                />
                <RowLabelSelect
                  value={block.rowLabels}
                  onChange={(rowLabels) => setBlock(block.key, (one) => reshapeBlock(one, { rowLabels }))}
                />
              </div>
              <div className={styles.buttons}>
                <button
                  type="button"
                  className="button secondary small"
                  disabled={index === 0}
                  onClick={() => setDraft((current) => moveBlock(current, index, -1))}
                >
                  {t.moveForward}
                </button>
                <button
                  type="button"
                  className="button secondary small"
                  disabled={index === draft.blocks.length - 1}
                  onClick={() => setDraft((current) => moveBlock(current, index, 1))}
                >
                  {t.moveBack}
                </button>
                <button
                  type="button"
                  className="button danger small"
                  onClick={() =>
                    setDraft((current) => ({
                      ...current,
                      blocks: current.blocks.filter((one) => one.key !== block.key),
                    }))
                  }
                >
                  {t.removeBlock}
                </button>
              </div>
            </fieldset>
          ))}

          <h2>{t.totals}</h2>
          <table className="table" data-testid="grade-totals">
            <thead>
              <tr>
                <th>{t.gradeColumn}</th>
                <th>{t.seatsColumn}</th>
                <th>{t.priceColumn}</th>
                <th>{t.takingsColumn}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((grade) => (
                <tr key={grade.grade}>
                  <td>
                    <span className={`${styles.swatch} ${swatches[grade.colour]}`} aria-hidden="true" />
                    {grade.grade}
                  </td>
                  <td>{formatCount(grade.seats, locale)}</td>
                  <td>{Number.isNaN(grade.price) ? '-' : formatMoney(grade.price, currency, locale)}</td>
                  <td>{Number.isNaN(grade.takings) ? '-' : formatMoney(grade.takings, currency, locale)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t.total}</th>
                <td data-testid="total-seats">{formatCount(totalSeats(draft), locale)}</td>
                <td />
                <td>
                  {formatMoney(
                    totals.reduce((sum, grade) => sum + (Number.isNaN(grade.takings) ? 0 : grade.takings), 0),
                    currency,
                    locale,
                  )}
                </td>
              </tr>
            </tbody>
          </table>

          {issues.length > 0 ? (
            <div role="status">
              <h2>{t.issuesTitle}</h2>
              <ul className={styles.issues}>
                {issues.map((issue, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two blocks can share a mistake, worded alike
                  <li key={index}>{issue.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {detail.performances.length === 0 ? <p className="muted small">{t.firstPerformanceHint}</p> : null}
          <button type="button" className="button wide" disabled={busy || issues.length > 0} onClick={save}>
            {busy ? t.saving : t.save}
          </button>
        </div>
        <SeatMapDrawing
          draft={draft}
          currency={currency}
          selectedBlock={selected}
          onPickBlock={(key) => {
            setSelected(key);
            document.querySelector<HTMLInputElement>(`[data-block-key="${CSS.escape(key)}"] input`)?.focus();
          }}
        />
      </div>
    </section>
  );
}

function GradeSelect({
  value,
  names,
  onChange,
}: {
  value: string;
  names: readonly string[];
  onChange: (grade: string) => void;
}) {
  const options = names.includes(value) || !value ? names : [value, ...names];
  const t = text[useLocale()];
  return (
    <label className="field">
      <span>{t.grade}</span>
      <select value={value} onChange={(change) => onChange(change.target.value)}>
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

function RowLabelSelect({
  value,
  onChange,
}: {
  value: RowLabelStyle;
  onChange: (style: RowLabelStyle) => void;
}) {
  const t = text[useLocale()];
  return (
    <label className="field">
      <span>{t.rowLabels}</span>
      <select value={value} onChange={(change) => onChange(change.target.value as RowLabelStyle)}>
        <option value="letters">{t.letters}</option>
        <option value="numbers">{t.numbers}</option>
      </select>
    </label>
  );
}

function GradePriceForm({
  grade,
  currency,
  onSave,
}: {
  grade: { id: string; name: string; price: number };
  currency: string;
  onSave: (gradeId: string, name: string, price: number) => Promise<void>;
}) {
  const [price, setPrice] = useState(String(grade.price));
  const t = text[useLocale()];
  return (
    <form
      className={styles.row}
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(grade.id, grade.name, numberOf(price));
      }}
    >
      <label className="field">
        <span>
          {grade.name} {t.price(currency)}
        </span>
        <input
          type="number"
          min={0}
          max={seatMapLimits.price}
          value={price}
          onChange={(change) => setPrice(change.target.value)}
          required
        />
      </label>
      <button type="submit" className="button secondary small">
        {t.savePrice}
      </button>
    </form>
  );
}
