import type { SeatMapLayout } from './api/types';

/** Parsed lines of an admin form's text box, or the first line that is wrong. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

const wholeNumber = (text: string | undefined, min: number) => {
  const value = Number(text?.replace(/[,_\s]/g, ''));
  return Number.isInteger(value) && value >= min ? value : undefined;
};

/**
 * A seat map from two text boxes: grades as `name price` lines (`VIP 198000`) and sections as
 * `name, rows, seats per row, grade` lines (`Floor, 10, 20, VIP`).
 */
export function parseSeatMap(gradesText: string, sectionsText: string): Parsed<SeatMapLayout> {
  const grades: { name: string; price: number }[] = [];
  for (const [index, line] of linesOf(gradesText).entries()) {
    const match = /^(\S+)\s+([\d,_]+)$/.exec(line);
    const price = wholeNumber(match?.[2], 0);
    if (!match || price === undefined)
      return { ok: false, error: `등급 ${index + 1}번째 줄 "${line}": "등급명 가격" 형식이어야 합니다.` };
    grades.push({ name: match[1]!, price });
  }
  if (grades.length === 0) return { ok: false, error: '등급을 한 줄 이상 입력해 주세요.' };

  const sections: SeatMapLayout['sections'][number][] = [];
  for (const [index, line] of linesOf(sectionsText).entries()) {
    const [name, rowsText, seatsText, grade] = line.split(',').map((part) => part.trim());
    const rows = wholeNumber(rowsText, 1);
    const seats = wholeNumber(seatsText, 1);
    if (!name || rows === undefined || seats === undefined || !grade)
      return {
        ok: false,
        error: `구역 ${index + 1}번째 줄 "${line}": "구역명, 열 수, 열당 좌석 수, 등급" 형식이어야 합니다.`,
      };
    if (!grades.some((known) => known.name === grade))
      return { ok: false, error: `구역 ${name}의 등급 ${grade}가 등급 목록에 없습니다.` };
    sections.push({
      name,
      rows: Array.from({ length: rows }, (_, row) => ({ label: String(row + 1), seats, grade })),
    });
  }
  if (sections.length === 0) return { ok: false, error: '구역을 한 줄 이상 입력해 주세요.' };
  return { ok: true, value: { grades, sections } };
}

export interface TicketTypeLine {
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perUserLimit: number;
}

/** Standing ticket types as `name, price, quantity, per-user limit` lines (`스탠딩 A, 88000, 500, 4`). */
export function parseTicketTypes(text: string): Parsed<TicketTypeLine[]> {
  const types: TicketTypeLine[] = [];
  for (const [index, line] of linesOf(text).entries()) {
    const [name, priceText, quantityText, limitText] = line.split(',').map((part) => part.trim());
    const price = wholeNumber(priceText, 0);
    const quantity = wholeNumber(quantityText, 1);
    const perUserLimit = wholeNumber(limitText, 1);
    if (!name || price === undefined || quantity === undefined || perUserLimit === undefined)
      return {
        ok: false,
        error: `티켓 ${index + 1}번째 줄 "${line}": "이름, 가격, 수량, 1인 한도" 형식이어야 합니다.`,
      };
    types.push({ name, price, quantity, perUserLimit });
  }
  if (types.length === 0) return { ok: false, error: '티켓 종류를 한 줄 이상 입력해 주세요.' };
  return { ok: true, value: types };
}

/** A `datetime-local` input's value (the organiser's own clock) as an ISO instant. */
export function instantOf(localDateTime: string): string | undefined {
  if (!localDateTime) return undefined;
  const date = new Date(localDateTime);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
