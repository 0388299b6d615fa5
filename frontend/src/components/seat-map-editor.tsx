'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
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

const text = {
  title: (event: string) => `좌석 배치도: ${event}`,
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
  blocks: '구역 (무대에서 가까운 순)',
  noBlocks: '아직 구역이 없습니다. 위에서 구역을 추가하세요.',
  blockLegend: (index: number, name: string) => `${index + 1}. ${name || '이름 없는 구역'}`,
  blockSeats: (seats: number) => `${formatCount(seats)}석`,
  savedRows:
    '저장된 배치의 열 길이나 등급이 고르지 않습니다. 열 수·좌석 수·등급을 바꾸면 고른 구역이 됩니다.',
  towardsStage: '무대 쪽으로',
  awayFromStage: '뒤로',
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
    `저장했습니다: 회차당 ${formatCount(seats)}석, 모든 회차에 좌석 ${formatCount(created)}개를 만들었습니다.`,
  savePrice: '가격 저장',
  priceSaved: (name: string) => `${name} 등급 가격을 저장했습니다.`,
  firstPerformanceHint: '좌석은 회차마다 만들어집니다. 회차가 없으면 회차를 추가할 때 만들어집니다.',
} as const;

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

  const load = useCallback(async () => {
    try {
      const loaded = await api.organiser.events.detail(eventId);
      setDetail(loaded);
      if (loaded.seatMap.sections.length > 0) setDraft(draftOf(loaded.seatMap, () => newKey()));
    } catch (error) {
      setProblem(describeOrganiserError(error));
    }
  }, [eventId]);

  useEffect(() => {
    void load();
  }, [load]);

  const issues = useMemo(() => draftIssues(draft), [draft]);
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
          name: newBlock.name.trim() || `구역 ${current.blocks.length + 1}`,
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
      setNotice(text.saved(result.seatsPerPerformance, result.seatsCreated));
      await load();
    } catch (error) {
      setProblem(describeOrganiserError(error));
    } finally {
      setBusy(false);
    }
  };

  const savePrice = async (gradeId: string, name: string, price: number) => {
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.organiser.events.gradePrice(eventId, gradeId, price);
      setNotice(text.priceSaved(name));
      await load();
    } catch (error) {
      setProblem(describeOrganiserError(error));
    }
  };

  if (!detail)
    return (
      <section className="admin">
        <AdminNav />
        {problem ? <ProblemNotice problem={problem} /> : <p className="loading">{text.loading}</p>}
      </section>
    );

  const header = (
    <>
      <AdminNav />
      <h1>{text.title(detail.event.title)}</h1>
      <p>
        <Link href={`/admin/events/${eventId}`}>{text.back}</Link>
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
        <p>{text.standing}</p>
      </section>
    );

  if (locked)
    return (
      <section className="admin">
        {header}
        <p className="warning">{text.locked}</p>
        <div className={styles.editor}>
          <div className={styles.forms}>
            <fieldset>
              <legend>{text.grades}</legend>
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
            <legend>{text.grades}</legend>
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
                    <span>{text.gradeName}</span>
                    <input
                      value={grade.name}
                      maxLength={seatMapLimits.gradeName}
                      onChange={(change) =>
                        setDraft((current) => renameGrade(current, index, change.target.value))
                      }
                    />
                  </label>
                  <label className="field">
                    <span>{text.price(currency)}</span>
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
                    title={inUse ? text.gradeInUse : undefined}
                    aria-label={text.removeGrade(name)}
                    onClick={() =>
                      setDraft((current) => ({
                        ...current,
                        grades: current.grades.filter((_, at) => at !== index),
                      }))
                    }
                  >
                    {text.remove}
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
                  grades: [...current.grades, { name: `등급${current.grades.length + 1}`, price: 0 }],
                }))
              }
            >
              {text.addGrade}
            </button>
          </fieldset>

          <form onSubmit={addBlock} aria-label={text.newBlock}>
            <fieldset>
              <legend>{text.newBlock}</legend>
              <label className="field">
                <span>{text.blockName}</span>
                <input
                  value={newBlock.name}
                  maxLength={seatMapLimits.blockName}
                  onChange={(change) => setNewBlock({ ...newBlock, name: change.target.value })}
                />
              </label>
              <div className={styles.row}>
                <label className="field">
                  <span>{text.rows}</span>
                  <input
                    type="number"
                    min={1}
                    max={seatMapLimits.rows}
                    value={newBlock.rows}
                    onChange={(change) => setNewBlock({ ...newBlock, rows: change.target.value })}
                  />
                </label>
                <label className="field">
                  <span>{text.seatsPerRow}</span>
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
                {text.addBlock}
              </button>
            </fieldset>
          </form>

          <h2>{text.blocks}</h2>
          {draft.blocks.length === 0 ? <p className="muted">{text.noBlocks}</p> : null}
          {draft.blocks.map((block, index) => (
            <fieldset
              key={block.key}
              data-block-key={block.key}
              data-testid="seat-map-block"
              onFocus={() => setSelected(block.key)}
            >
              <legend>
                {text.blockLegend(index, block.name)} · {text.blockSeats(seatsOfBlock(block))}
              </legend>
              <label className="field">
                <span>{text.blockName}</span>
                <input
                  value={block.name}
                  maxLength={seatMapLimits.blockName}
                  onChange={(change) => setBlock(block.key, (one) => ({ ...one, name: change.target.value }))}
                />
              </label>
              {block.savedRows ? <p className="muted small">{text.savedRows}</p> : null}
              <div className={styles.row}>
                <label className="field">
                  <span>{text.rows}</span>
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
                  <span>{text.seatsPerRow}</span>
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
                  {text.towardsStage}
                </button>
                <button
                  type="button"
                  className="button secondary small"
                  disabled={index === draft.blocks.length - 1}
                  onClick={() => setDraft((current) => moveBlock(current, index, 1))}
                >
                  {text.awayFromStage}
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
                  {text.removeBlock}
                </button>
              </div>
            </fieldset>
          ))}

          <h2>{text.totals}</h2>
          <table className="table" data-testid="grade-totals">
            <thead>
              <tr>
                <th>{text.gradeColumn}</th>
                <th>{text.seatsColumn}</th>
                <th>{text.priceColumn}</th>
                <th>{text.takingsColumn}</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((grade) => (
                <tr key={grade.grade}>
                  <td>
                    <span className={`${styles.swatch} ${swatches[grade.colour]}`} aria-hidden="true" />
                    {grade.grade}
                  </td>
                  <td>{formatCount(grade.seats)}</td>
                  <td>{Number.isNaN(grade.price) ? '-' : formatMoney(grade.price, currency)}</td>
                  <td>{Number.isNaN(grade.takings) ? '-' : formatMoney(grade.takings, currency)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{text.total}</th>
                <td data-testid="total-seats">{formatCount(totalSeats(draft))}</td>
                <td />
                <td>
                  {formatMoney(
                    totals.reduce((sum, grade) => sum + (Number.isNaN(grade.takings) ? 0 : grade.takings), 0),
                    currency,
                  )}
                </td>
              </tr>
            </tbody>
          </table>

          {issues.length > 0 ? (
            <div role="status">
              <h2>{text.issuesTitle}</h2>
              <ul className={styles.issues}>
                {issues.map((issue, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: two blocks can share a mistake, worded alike
                  <li key={index}>{issue.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {detail.performances.length === 0 ? (
            <p className="muted small">{text.firstPerformanceHint}</p>
          ) : null}
          <button type="button" className="button wide" disabled={busy || issues.length > 0} onClick={save}>
            {busy ? text.saving : text.save}
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
  return (
    <label className="field">
      <span>{text.grade}</span>
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
  return (
    <label className="field">
      <span>{text.rowLabels}</span>
      <select value={value} onChange={(change) => onChange(change.target.value as RowLabelStyle)}>
        <option value="letters">{text.letters}</option>
        <option value="numbers">{text.numbers}</option>
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
          {grade.name} {text.price(currency)}
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
        {text.savePrice}
      </button>
    </form>
  );
}
