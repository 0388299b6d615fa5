import { bilingual, type Locale } from '../i18n/locale';
import type { SeatMapLayout } from './api/types';

/** Parsed lines of an admin form's text box, or the first line that is wrong. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const words = bilingual({
  ko: {
    gradeLine: (number: number, line: string) =>
      `등급 ${number}번째 줄 "${line}": "등급명 가격" 형식이어야 합니다.`,
    noGrades: '등급을 한 줄 이상 입력해 주세요.',
    sectionLine: (number: number, line: string) =>
      `구역 ${number}번째 줄 "${line}": "구역명, 열 수, 열당 좌석 수, 등급" 형식이어야 합니다.`,
    unknownGrade: (section: string, grade: string) =>
      `구역 ${section}의 등급 ${grade}가 등급 목록에 없습니다.`,
    noSections: '구역을 한 줄 이상 입력해 주세요.',
    ticketLine: (number: number, line: string) =>
      `티켓 ${number}번째 줄 "${line}": "이름, 가격, 수량, 1인 한도" 형식이어야 합니다.`,
    noTicketTypes: '티켓 종류를 한 줄 이상 입력해 주세요.',
  },
  en: {
    gradeLine: (number: number, line: string) => `Grades, line ${number} "${line}": write "name price".`,
    noGrades: 'Enter at least one grade.',
    sectionLine: (number: number, line: string) =>
      `Sections, line ${number} "${line}": write "name, rows, seats per row, grade".`,
    unknownGrade: (section: string, grade: string) =>
      `Section ${section}: grade ${grade} is not on the grade list.`,
    noSections: 'Enter at least one section.',
    ticketLine: (number: number, line: string) =>
      `Tickets, line ${number} "${line}": write "name, price, quantity, limit per person".`,
    noTicketTypes: 'Enter at least one ticket type.',
  },
});

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
export function parseSeatMap(
  gradesText: string,
  sectionsText: string,
  locale: Locale = 'ko',
): Parsed<SeatMapLayout> {
  const t = words[locale];
  const grades: { name: string; price: number }[] = [];
  for (const [index, line] of linesOf(gradesText).entries()) {
    const match = /^(\S+)\s+([\d,_]+)$/.exec(line);
    const price = wholeNumber(match?.[2], 0);
    if (!match || price === undefined) return { ok: false, error: t.gradeLine(index + 1, line) };
    grades.push({ name: match[1]!, price });
  }
  if (grades.length === 0) return { ok: false, error: t.noGrades };

  const sections: SeatMapLayout['sections'][number][] = [];
  for (const [index, line] of linesOf(sectionsText).entries()) {
    const [name, rowsText, seatsText, grade] = line.split(',').map((part) => part.trim());
    const rows = wholeNumber(rowsText, 1);
    const seats = wholeNumber(seatsText, 1);
    if (!name || rows === undefined || seats === undefined || !grade)
      return { ok: false, error: t.sectionLine(index + 1, line) };
    if (!grades.some((known) => known.name === grade))
      return { ok: false, error: t.unknownGrade(name, grade) };
    sections.push({
      name,
      rows: Array.from({ length: rows }, (_, row) => ({ label: String(row + 1), seats, grade })),
    });
  }
  if (sections.length === 0) return { ok: false, error: t.noSections };
  return { ok: true, value: { grades, sections } };
}

export interface TicketTypeLine {
  readonly name: string;
  readonly price: number;
  readonly quantity: number;
  readonly perUserLimit: number;
}

/** Standing ticket types as `name, price, quantity, per-user limit` lines (`스탠딩 A, 88000, 500, 4`). */
export function parseTicketTypes(text: string, locale: Locale = 'ko'): Parsed<TicketTypeLine[]> {
  const t = words[locale];
  const types: TicketTypeLine[] = [];
  for (const [index, line] of linesOf(text).entries()) {
    const [name, priceText, quantityText, limitText] = line.split(',').map((part) => part.trim());
    const price = wholeNumber(priceText, 0);
    const quantity = wholeNumber(quantityText, 1);
    const perUserLimit = wholeNumber(limitText, 1);
    if (!name || price === undefined || quantity === undefined || perUserLimit === undefined)
      return { ok: false, error: t.ticketLine(index + 1, line) };
    types.push({ name, price, quantity, perUserLimit });
  }
  if (types.length === 0) return { ok: false, error: t.noTicketTypes };
  return { ok: true, value: types };
}

/** A `datetime-local` input's value (the organiser's own clock) as an ISO instant. */
export function instantOf(localDateTime: string): string | undefined {
  if (!localDateTime) return undefined;
  const date = new Date(localDateTime);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
