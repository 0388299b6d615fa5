import { ApiProblem, describeError, type Problem } from './api/problem';

/** Organiser-facing words per problem name (the last part of the problem's `type` URN). */
const wordsByName: Readonly<Record<string, { readonly title: string; readonly detail: string }>> = {
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
};

/**
 * Something to show an organiser for a failed admin call: known problems in Korean with what to do, the
 * service's own detail kept after it (it names the row or field), sign-in and permission spelled out.
 */
export function describeOrganiserError(error: unknown): Problem {
  if (!(error instanceof ApiProblem)) return describeError(error);
  const { problem } = error;
  const service = problem.detail ? ` (${problem.detail})` : '';
  if (error.status === 401)
    return { ...problem, title: '로그인이 필요합니다', detail: '관리자 계정으로 다시 로그인해 주세요.' };
  if (error.status === 403)
    return { ...problem, title: '권한이 없습니다', detail: `관리자 계정만 쓸 수 있는 기능입니다.${service}` };
  const name = problem.type?.split(':').at(-1);
  const words = name ? wordsByName[name] : undefined;
  if (words) return { ...problem, title: words.title, detail: `${words.detail}${service}`.trim() };
  if (error.status === 404)
    return { ...problem, title: '찾을 수 없습니다', detail: `이미 지워졌을 수 있습니다.${service}` };
  return describeError(error);
}
