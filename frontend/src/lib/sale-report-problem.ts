import { bilingual, type Locale } from '../i18n/locale';
import { ApiProblem, type Problem } from './api/problem';
import { describeOrganiserError } from './organiser-problem';

const inOrganisersWords = bilingual<Readonly<Record<string, { title: string; detail: string }>>>({
  ko: {
    'urn:urr:problem:sale-report-not-found': {
      title: '아직 판매 기록이 없습니다',
      detail: '대기열에 사람이 들어오거나 예매가 생기면 리포트가 채워집니다.',
    },
    'urn:urr:problem:sale-report-too-many-buckets': {
      title: '구간이 너무 짧습니다',
      detail: '이 판매 기간에는 더 긴 구간을 골라 주세요.',
    },
  },
  en: {
    'urn:urr:problem:sale-report-not-found': {
      title: 'Nothing recorded about this sale yet',
      detail: 'The report fills in once people join the waiting line or tickets are booked.',
    },
    'urn:urr:problem:sale-report-too-many-buckets': {
      title: 'The interval is too short',
      detail: 'Choose a longer interval for a sale this long.',
    },
  },
});

/** The report's own problems in the organiser's words, keeping stats-service's detail after them. */
export function saleReportProblem(problem: Problem, locale: Locale = 'ko'): Problem {
  const words = problem.type ? inOrganisersWords[locale][problem.type] : undefined;
  if (!words) return problem;
  return {
    ...problem,
    title: words.title,
    detail: problem.detail ? `${words.detail} (${problem.detail})` : words.detail,
  };
}

/** A failed read of the report for the organiser: its own problems as above, others as the admin pages say them. */
export function describeSaleReportError(error: unknown, locale: Locale = 'ko'): Problem {
  if (!(error instanceof ApiProblem)) return describeOrganiserError(error, locale);
  const worded = saleReportProblem(error.problem, locale);
  return worded === error.problem ? describeOrganiserError(error, locale) : worded;
}

/**
 * The next wider bucket to ask for when the sale spans too many of `bucketSeconds` (a sale that ran for
 * days at one-minute buckets); undefined for any other failure or when no wider choice is left.
 */
export function widerBucketAfter(
  error: unknown,
  bucketSeconds: number,
  choices: readonly number[],
): number | undefined {
  if (!(error instanceof ApiProblem) || error.type !== 'urn:urr:problem:sale-report-too-many-buckets')
    return undefined;
  return choices.find((seconds) => seconds > bucketSeconds);
}
