import { bilingual, type Locale } from '../i18n/locale';
import { ApiProblem, describeError, type Problem } from './api/problem';

interface Words {
  readonly title: string;
  readonly detail: string;
}

const text = bilingual<{
  /** Per problem name (the last part of the problem's `type` URN). */
  readonly byName: Readonly<Record<string, Words>>;
  readonly signIn: Words;
  readonly forbidden: Words;
  readonly notFound: Words;
}>({
  ko: {
    byName: {
      'event-has-reservations': {
        title: '이미 예매된 공연입니다',
        detail: '예매가 있는 공연은 좌석 배치도를 바꾸거나 삭제할 수 없습니다. 등급 가격은 바꿀 수 있습니다.',
      },
      'performance-has-reservations': {
        title: '예매가 있는 회차입니다',
        detail: '예매가 있는 회차는 삭제할 수 없습니다. 일시를 옮기거나 공연 상태를 바꾸세요.',
      },
      'wrong-event-kind': {
        title: '공연 형태에 맞지 않는 변경입니다',
        detail: '지정석 공연은 좌석 배치도로, 스탠딩 공연은 티켓 종류로 가격과 좌석을 정합니다.',
      },
      'invalid-seat-map': { title: '좌석 배치도를 저장할 수 없습니다', detail: '' },
      'invalid-sale-schedule': {
        title: '예매 일정이 맞지 않습니다',
        detail: '선예매 오픈 < 일반 예매 오픈 < 예매 마감 순서여야 합니다.',
      },
      'invalid-performance-times': {
        title: '회차 일시가 맞지 않습니다',
        detail: '종료는 시작보다 뒤여야 합니다.',
      },
      'unknown-artist': { title: '없는 아티스트입니다', detail: '목록에서 아티스트를 다시 골라 주세요.' },
      'unknown-venue': { title: '없는 공연장입니다', detail: '목록에서 공연장을 다시 골라 주세요.' },
    },
    signIn: { title: '로그인이 필요합니다', detail: '관리자 계정으로 다시 로그인해 주세요.' },
    forbidden: { title: '권한이 없습니다', detail: '관리자 계정만 쓸 수 있는 기능입니다.' },
    notFound: { title: '찾을 수 없습니다', detail: '이미 지워졌을 수 있습니다.' },
  },
  en: {
    byName: {
      'event-has-reservations': {
        title: 'This event already has bookings',
        detail:
          "An event with bookings can't have its seat map changed or be deleted. You can still change grade prices.",
      },
      'performance-has-reservations': {
        title: 'This performance has bookings',
        detail:
          "A performance with bookings can't be deleted. Move its date or change the event's status instead.",
      },
      'wrong-event-kind': {
        title: "That change doesn't fit this kind of event",
        detail: 'Seated events set prices and seats with the seat map; standing events with ticket types.',
      },
      'invalid-seat-map': { title: "The seat map can't be saved", detail: '' },
      'invalid-sale-schedule': {
        title: "The sale dates don't line up",
        detail: 'Presale opens before general sale, which opens before sales close.',
      },
      'invalid-performance-times': {
        title: "The performance times don't line up",
        detail: 'The end must be after the start.',
      },
      'unknown-artist': {
        title: 'That artist no longer exists',
        detail: 'Choose the artist from the list again.',
      },
      'unknown-venue': {
        title: 'That venue no longer exists',
        detail: 'Choose the venue from the list again.',
      },
    },
    signIn: { title: 'Please sign in', detail: 'Sign in again with an admin account.' },
    forbidden: { title: 'Not allowed', detail: 'Only admin accounts can do this.' },
    notFound: { title: 'Not found', detail: 'It may have been deleted already.' },
  },
});

/**
 * Something to show an organiser for a failed admin call: known problems in the organiser's language with
 * what to do, the service's own detail kept after it (it names the row or field), sign-in and permission
 * spelled out. Other problems are said as they are to fans (`describeError`).
 */
export function describeOrganiserError(error: unknown, locale: Locale = 'ko'): Problem {
  if (!(error instanceof ApiProblem)) return describeError(error, {}, locale);
  const { problem } = error;
  const t = text[locale];
  const service = problem.detail ? ` (${problem.detail})` : '';
  const said = (words: Words) => ({
    ...problem,
    title: words.title,
    detail: `${words.detail}${service}`.trim(),
  });
  if (error.status === 401) return { ...problem, ...t.signIn };
  if (error.status === 403) return said(t.forbidden);
  const name = problem.type?.split(':').at(-1);
  const words = name ? t.byName[name] : undefined;
  if (words) return said(words);
  if (error.status === 404) return said(t.notFound);
  return describeError(error, {}, locale);
}
