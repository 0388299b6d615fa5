import { bilingual, type Locale } from '../i18n/locale';
import type { SeatMapLayout } from './api/types';
import { formatCount } from './format';
import { hallCells, layoutHall } from './hall-layout';

/**
 * The organiser's seat-map editor, without the page: blocks of seats (a name, rows × seats per row, one
 * grade) turned into the layout `PUT /api/v1/admin/events/{id}/seat-map` takes, the mistakes ticket-service
 * would refuse (services/ticket/src/domain/seat-map.ts and the route's schema), seats and takings per grade,
 * and the drawing: blocks stacked under the stage in map order, as the fans' seat map shows them.
 */

export interface GradeDraft {
  readonly name: string;
  /** Integer minor units (KRW: won). */
  readonly price: number;
}

export type RowLabelStyle = 'letters' | 'numbers';

export interface BlockDraft {
  /** Stable identity while names change (React keys, focus). */
  readonly key: string;
  readonly name: string;
  readonly rows: number;
  readonly seatsPerRow: number;
  readonly grade: string;
  readonly rowLabels: RowLabelStyle;
  /**
   * A saved section whose rows are not one even block (rows of different lengths or grades): kept as they
   * are until the organiser reshapes the block.
   */
  readonly savedRows?: readonly SeatRowLayout[];
}

export interface SeatMapDraft {
  readonly grades: readonly GradeDraft[];
  readonly blocks: readonly BlockDraft[];
}

export type SeatRowLayout = SeatMapLayout['sections'][number]['rows'][number];

/** What the editor refuses, in the organiser's words, with the grade or block it is about. */
export interface DraftIssue {
  readonly message: string;
  readonly grade?: number;
  readonly block?: number;
}

/** Limits of the seat-map route (docs/openapi/public-api.json, schema SeatMap) and of ticket-service. */
export const seatMapLimits = {
  grades: 20,
  gradeName: 20,
  price: 100_000_000,
  blocks: 100,
  blockName: 50,
  rows: 200,
  seatsPerRow: 500,
  rowLabel: 10,
  seatsPerPerformance: 100_000,
} as const;

/** "A".."Z", "AA".."AZ", … for letters; "1", "2", … for numbers. */
export function rowLabel(index: number, style: RowLabelStyle): string {
  if (style === 'numbers') return String(index + 1);
  let label = '';
  for (let rest = index; rest >= 0; rest = Math.floor(rest / 26) - 1)
    label = String.fromCharCode(65 + (rest % 26)) + label;
  return label;
}

export function rowsOfBlock(block: BlockDraft): SeatRowLayout[] {
  if (block.savedRows) return [...block.savedRows];
  return Array.from({ length: block.rows }, (_, index) => ({
    label: rowLabel(index, block.rowLabels),
    seats: block.seatsPerRow,
    grade: block.grade,
  }));
}

export function seatsOfBlock(block: BlockDraft): number {
  return rowsOfBlock(block).reduce((sum, row) => sum + row.seats, 0);
}

/** The body of `PUT /api/v1/admin/events/{id}/seat-map`, names trimmed. */
export function layoutOf(draft: SeatMapDraft): SeatMapLayout {
  return {
    grades: draft.grades.map((grade) => ({ name: grade.name.trim(), price: grade.price })),
    sections: draft.blocks.map((block) => ({
      name: block.name.trim(),
      rows: rowsOfBlock(block).map((row) => ({ ...row, grade: row.grade.trim() })),
    })),
  };
}

const styleOf = (labels: readonly string[]): RowLabelStyle | undefined => {
  for (const style of ['letters', 'numbers'] as const)
    if (labels.every((label, index) => label === rowLabel(index, style))) return style;
  return undefined;
};

/** A saved seat map (`GET …/seat-map`) as blocks; an uneven section keeps its rows as saved. */
export function draftOf(
  layout: {
    readonly grades: readonly GradeDraft[];
    readonly sections: readonly { readonly name: string; readonly rows: readonly SeatRowLayout[] }[];
  },
  keyOf: (index: number) => string = (index) => `saved-${index}`,
): SeatMapDraft {
  return {
    grades: layout.grades.map(({ name, price }) => ({ name, price })),
    blocks: layout.sections.map((section, index) => {
      const first = section.rows[0];
      const style = styleOf(section.rows.map((row) => row.label));
      const even =
        first !== undefined &&
        style !== undefined &&
        section.rows.every((row) => row.seats === first.seats && row.grade === first.grade);
      return {
        key: keyOf(index),
        name: section.name,
        rows: section.rows.length,
        seatsPerRow: Math.max(0, ...section.rows.map((row) => row.seats)),
        grade: first?.grade ?? '',
        rowLabels: style ?? 'letters',
        ...(even ? {} : { savedRows: section.rows.map((row) => ({ ...row })) }),
      };
    }),
  };
}

/** The block with a changed shape or grade: saved uneven rows give way to an even block. */
export function reshapeBlock(
  block: BlockDraft,
  change: Partial<Pick<BlockDraft, 'rows' | 'seatsPerRow' | 'grade' | 'rowLabels'>>,
): BlockDraft {
  const { savedRows: _dropped, ...even } = block;
  return { ...even, ...change };
}

/** Renames a grade and every block and saved row that used the old name. */
export function renameGrade(draft: SeatMapDraft, index: number, name: string): SeatMapDraft {
  const old = draft.grades[index]?.name;
  if (old === undefined) return draft;
  return {
    grades: draft.grades.map((grade, at) => (at === index ? { ...grade, name } : grade)),
    blocks: draft.blocks.map((block) => ({
      ...block,
      grade: block.grade === old ? name : block.grade,
      ...(block.savedRows
        ? { savedRows: block.savedRows.map((row) => (row.grade === old ? { ...row, grade: name } : row)) }
        : {}),
    })),
  };
}

/** Moves block `index` one place towards the stage (-1) or away from it (+1); the stage side is first. */
export function moveBlock(draft: SeatMapDraft, index: number, step: -1 | 1): SeatMapDraft {
  const target = index + step;
  if (index < 0 || target < 0 || target >= draft.blocks.length) return draft;
  const blocks = [...draft.blocks];
  [blocks[index], blocks[target]] = [blocks[target]!, blocks[index]!];
  return { ...draft, blocks };
}

const isBlank = (text: string) => text.replace(/[\s\uFEFF]/g, '') === '';
const countOf = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};
const within = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

const issueWords = bilingual({
  ko: {
    noGrades: '등급을 하나 이상 만들어 주세요.',
    tooManyGrades: (max: number) => `등급은 ${max}개까지 만들 수 있습니다.`,
    noBlocks: '구역을 하나 이상 추가해 주세요.',
    tooManyBlocks: (max: number) => `구역은 ${max}개까지 만들 수 있습니다.`,
    nth: (number: number) => `${number}번째`,
    gradeNameBlank: (number: number) => `${number}번째 등급의 이름이 비어 있습니다.`,
    gradeNameTooLong: (grade: string, max: number) => `등급 ${grade}: 이름은 ${max}자까지입니다.`,
    gradeTwice: (grade: string) => `등급 ${grade}이(가) 두 번 있습니다.`,
    gradePrice: (grade: string, max: number) =>
      `등급 ${grade}: 가격은 0원에서 ${formatCount(max, 'ko')}원 사이의 정수여야 합니다.`,
    blockNameBlank: (number: number) => `${number}번째 구역의 이름이 비어 있습니다.`,
    blockNameTooLong: (block: string, max: number) => `구역 ${block}: 이름은 ${max}자까지입니다.`,
    blockTwice: (block: string) => `구역 ${block}이(가) 두 번 있습니다.`,
    blockRows: (block: string, max: number) => `구역 ${block}: 열 수는 1에서 ${max} 사이여야 합니다.`,
    blockSeatsPerRow: (block: string, max: number) =>
      `구역 ${block}: 열당 좌석 수는 1에서 ${max} 사이여야 합니다.`,
    blockUnknownGrade: (block: string, grade: string) =>
      `구역 ${block}: 등급 ${grade}이(가) 등급 목록에 없습니다.`,
    blockNoGrade: (block: string) => `구역 ${block}: 등급을 골라 주세요.`,
    gradeUnused: (grade: string) =>
      `등급 ${grade}을(를) 쓰는 구역이 없습니다. 구역에 배정하거나 지워 주세요.`,
    tooManySeats: (seats: number, max: number) =>
      `좌석이 ${formatCount(seats, 'ko')}석입니다. 한 회차에 ${formatCount(max, 'ko')}석까지 만들 수 있습니다.`,
  },
  en: {
    noGrades: 'Add at least one grade.',
    tooManyGrades: (max: number) => `You can have at most ${max} grades.`,
    noBlocks: 'Add at least one section.',
    tooManyBlocks: (max: number) => `You can have at most ${max} sections.`,
    nth: (number: number) => `#${number}`,
    gradeNameBlank: (number: number) => `Grade #${number} has no name.`,
    gradeNameTooLong: (grade: string, max: number) =>
      `Grade ${grade}: the name can be at most ${max} characters.`,
    gradeTwice: (grade: string) => `Grade ${grade} appears twice.`,
    gradePrice: (grade: string, max: number) =>
      `Grade ${grade}: the price must be a whole number from 0 to ${formatCount(max, 'en')}.`,
    blockNameBlank: (number: number) => `Section #${number} has no name.`,
    blockNameTooLong: (block: string, max: number) =>
      `Section ${block}: the name can be at most ${max} characters.`,
    blockTwice: (block: string) => `Section ${block} appears twice.`,
    blockRows: (block: string, max: number) => `Section ${block}: rows must be from 1 to ${max}.`,
    blockSeatsPerRow: (block: string, max: number) =>
      `Section ${block}: seats per row must be from 1 to ${max}.`,
    blockUnknownGrade: (block: string, grade: string) =>
      `Section ${block}: grade ${grade} is not on the grade list.`,
    blockNoGrade: (block: string) => `Section ${block}: choose a grade.`,
    gradeUnused: (grade: string) => `No section uses grade ${grade}. Assign it to a section or delete it.`,
    tooManySeats: (seats: number, max: number) =>
      `That makes ${formatCount(seats, 'en')} seats; a performance can have at most ${formatCount(max, 'en')}.`,
  },
});

/** Everything ticket-service would refuse about the draft, in a language; empty when it can be saved. */
export function draftIssues(draft: SeatMapDraft, locale: Locale = 'ko'): DraftIssue[] {
  const words = issueWords[locale];
  const issues: DraftIssue[] = [];
  const limits = seatMapLimits;
  if (draft.grades.length === 0) issues.push({ message: words.noGrades });
  if (draft.grades.length > limits.grades) issues.push({ message: words.tooManyGrades(limits.grades) });
  if (draft.blocks.length === 0) issues.push({ message: words.noBlocks });
  if (draft.blocks.length > limits.blocks) issues.push({ message: words.tooManyBlocks(limits.blocks) });

  const gradeNames = countOf(draft.grades.map((grade) => grade.name.trim()));
  draft.grades.forEach((grade, index) => {
    const name = grade.name.trim();
    const label = name || words.nth(index + 1);
    if (isBlank(grade.name)) issues.push({ grade: index, message: words.gradeNameBlank(index + 1) });
    else if (name.length > limits.gradeName)
      issues.push({ grade: index, message: words.gradeNameTooLong(label, limits.gradeName) });
    else if ((gradeNames.get(name) ?? 0) > 1) issues.push({ grade: index, message: words.gradeTwice(label) });
    if (!within(grade.price, 0, limits.price))
      issues.push({ grade: index, message: words.gradePrice(label, limits.price) });
  });

  const blockNames = countOf(draft.blocks.map((block) => block.name.trim()));
  const known = new Set(draft.grades.map((grade) => grade.name.trim()));
  const used = new Set<string>();
  draft.blocks.forEach((block, index) => {
    const name = block.name.trim();
    const label = name || words.nth(index + 1);
    if (isBlank(block.name)) issues.push({ block: index, message: words.blockNameBlank(index + 1) });
    else if (name.length > limits.blockName)
      issues.push({ block: index, message: words.blockNameTooLong(label, limits.blockName) });
    else if ((blockNames.get(name) ?? 0) > 1) issues.push({ block: index, message: words.blockTwice(label) });
    if (!block.savedRows) {
      if (!within(block.rows, 1, limits.rows))
        issues.push({ block: index, message: words.blockRows(label, limits.rows) });
      if (!within(block.seatsPerRow, 1, limits.seatsPerRow))
        issues.push({ block: index, message: words.blockSeatsPerRow(label, limits.seatsPerRow) });
    }
    const rows = block.savedRows ?? (within(block.rows, 1, limits.rows) ? rowsOfBlock(block) : []);
    const missing = new Set(rows.map((row) => row.grade.trim()).filter((grade) => !known.has(grade)));
    for (const grade of missing)
      issues.push({
        block: index,
        message: grade ? words.blockUnknownGrade(label, grade) : words.blockNoGrade(label),
      });
    for (const row of rows) used.add(row.grade.trim());
  });
  draft.grades.forEach((grade, index) => {
    const name = grade.name.trim();
    if (name && !used.has(name)) issues.push({ grade: index, message: words.gradeUnused(name) });
  });

  const total = totalSeats(draft);
  if (total > limits.seatsPerPerformance)
    issues.push({ message: words.tooManySeats(total, limits.seatsPerPerformance) });
  return issues;
}

const validShape = (block: BlockDraft) =>
  block.savedRows !== undefined ||
  (within(block.rows, 1, seatMapLimits.rows) && within(block.seatsPerRow, 1, seatMapLimits.seatsPerRow));

export function totalSeats(draft: SeatMapDraft): number {
  return draft.blocks.reduce((sum, block) => sum + (validShape(block) ? seatsOfBlock(block) : 0), 0);
}

/**
 * Each grade's palette colour as the fans' seat map gives it (src/lib/seat-map.ts `gradesOf`): by price,
 * dearest first; the palette has five colours, so the sixth grade on shares the last one.
 */
export function gradeColours(grades: readonly GradeDraft[]): Map<string, number> {
  const ranked = grades
    .map((grade, index) => ({ name: grade.name.trim(), price: grade.price, index }))
    .sort((a, b) => b.price - a.price || a.index - b.index);
  return new Map(ranked.map((grade, rank) => [grade.name, Math.min(rank, paletteSize - 1)]));
}

export const paletteSize = 5;

export interface GradeTotal {
  readonly grade: string;
  readonly price: number;
  readonly seats: number;
  /** Seats × price: the takings when every seat of the grade sells, per performance. */
  readonly takings: number;
  readonly colour: number;
}

/** Seats and takings per grade, in grade list order. */
export function totalsByGrade(draft: SeatMapDraft): GradeTotal[] {
  const seats = new Map<string, number>();
  for (const block of draft.blocks)
    if (validShape(block))
      for (const row of rowsOfBlock(block))
        seats.set(row.grade.trim(), (seats.get(row.grade.trim()) ?? 0) + row.seats);
  const colours = gradeColours(draft.grades);
  return draft.grades.map((grade) => {
    const name = grade.name.trim();
    const count = seats.get(name) ?? 0;
    return {
      grade: name,
      price: grade.price,
      seats: count,
      takings: count * grade.price,
      colour: colours.get(name) ?? 0,
    };
  });
}

/** Drawing units: one seat cell, the gaps, the stage. */
export const drawingScale = {
  seat: 10,
  gap: 2,
  stageGap: 26,
  /** Two seat cells, as on the fans' map. */
  label: 24,
  stageHeight: 36,
  margin: 16,
} as const;

export interface DrawnRow {
  readonly label: string;
  readonly y: number;
  readonly seats: readonly { readonly x: number; readonly colour: number | undefined }[];
}
export interface DrawnBlock {
  readonly key: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly seats: number;
  readonly rows: readonly DrawnRow[];
}
export interface Drawing {
  readonly width: number;
  readonly height: number;
  readonly stage: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  readonly blocks: readonly DrawnBlock[];
}

/**
 * The hall in drawing units: the stage on top, the blocks under it as `layoutHall` places them for the fans
 * (side by side an aisle apart, tier behind tier, docs/adr/0049-the-hall-laid-out.md), one cell per seat
 * coloured by grade (undefined for a grade not on the list). Blocks with a shape out of range are left out
 * until they are fixed.
 */
export function drawingOf(draft: SeatMapDraft): Drawing {
  const { seat, gap, stageGap, label, stageHeight, margin } = drawingScale;
  const cell = seat + gap;
  const colours = gradeColours(draft.grades);
  const shaped = draft.blocks.filter(validShape).map((block) => ({ block, rows: rowsOfBlock(block) }));
  const widestOf = (rows: readonly { seats: number }[]) => Math.max(0, ...rows.map((row) => row.seats));
  const hall = layoutHall(
    shaped.map(({ rows }) => ({ width: hallCells.rowLabel + widestOf(rows), height: rows.length })),
  );
  // A narrow hall still gets a stage wide enough to read.
  const innerWidth = Math.max(hall.width, 10) * cell;
  const hallLeft = margin + (innerWidth - hall.width * cell) / 2;
  const hallTop = margin + stageHeight + stageGap;
  const width = innerWidth + margin * 2;
  const stage = { x: margin + innerWidth * 0.2, y: margin, width: innerWidth * 0.6, height: stageHeight };
  const blocks = shaped.map(({ block, rows }, index) => {
    const place = hall.blocks[index]!;
    const blockSeats = widestOf(rows);
    const x = hallLeft + place.x * cell;
    const top = hallTop + place.y * cell;
    const drawnRows = rows.map((row, rowIndex) => {
      const offset = x + label + ((blockSeats - row.seats) * cell) / 2;
      return {
        label: row.label,
        y: top + rowIndex * cell,
        seats: Array.from({ length: row.seats }, (_, number) => ({
          x: offset + number * cell,
          colour: colours.get(row.grade.trim()),
        })),
      };
    });
    return {
      key: block.key,
      name: block.name.trim(),
      x,
      y: top,
      width: label + blockSeats * cell,
      height: rows.length * cell,
      seats: rows.reduce((sum, row) => sum + row.seats, 0),
      rows: drawnRows,
    };
  });
  return { width, height: hallTop + hall.height * cell + margin, stage, blocks };
}
