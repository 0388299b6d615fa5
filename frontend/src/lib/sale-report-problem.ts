import type { Problem } from './api/problem';

const inOrganisersWords: Readonly<Record<string, { title: string; detail: string }>> = {
  'urn:urr:problem:sale-report-not-found': {
    title: '아직 판매 기록이 없습니다',
    detail: '대기열에 사람이 들어오거나 예매가 생기면 리포트가 채워집니다.',
  },
  'urn:urr:problem:sale-report-too-many-buckets': {
    title: '구간이 너무 짧습니다',
    detail: '이 판매 기간에는 더 긴 구간을 골라 주세요.',
  },
};

/** The report's own problems in the organiser's words, keeping stats-service's detail after them. */
export function saleReportProblem(problem: Problem): Problem {
  const words = problem.type ? inOrganisersWords[problem.type] : undefined;
  if (!words) return problem;
  return {
    ...problem,
    title: words.title,
    detail: problem.detail ? `${words.detail} (${problem.detail})` : words.detail,
  };
}
