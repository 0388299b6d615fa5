import { bilingual, type Locale } from '../../i18n/locale';
import { inFansWords, type ProblemContext } from '../fan-problem';

/** An RFC 9457 problem answer (or a stand-in when the answer was not problem JSON). */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** A failed API call: the status and the problem JSON the service answered with. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.problem = problem;
  }

  /** The problem's `type` (e.g. `urn:urr:problem:seat-unavailable`), when it has one. */
  get type(): string | undefined {
    return this.problem.type;
  }
}

/** Which waiting room the edge sent a call back to: Tier 1 (`/vwr/…`) or Tier 2 (`/queue/…`). */
export type PassTier = 'waiting-room' | 'queue';

/**
 * The edge refused a call for want of a pass and redirected it to the waiting room or the queue page.
 * The page that made the call sends the fan there.
 */
export class PassRequired extends Error {
  override readonly name = 'PassRequired';
  constructor(
    readonly tier: PassTier,
    readonly eventId: string,
    readonly location: string,
  ) {
    super(`the edge asks for a ${tier} pass again (${location})`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a failed answer's body as a problem; anything else becomes a problem naming the status. */
export function problemOf(status: number, statusText: string, body: unknown): Problem {
  if (isRecord(body) && typeof body.title === 'string')
    return { ...body, title: body.title, status: typeof body.status === 'number' ? body.status : status };
  return {
    title: statusText || `HTTP ${status}`,
    status,
    detail: typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined,
  };
}

/**
 * Where a redirected call ended up, as the edge's pass it asks for: `/vwr/{eventId}` or `/queue/{eventId}`.
 * Undefined for any other place.
 */
export function passRequiredBy(finalUrl: string): PassRequired | undefined {
  let path: string;
  try {
    path = new URL(finalUrl, 'http://edge.invalid').pathname;
  } catch {
    return undefined;
  }
  const match = /^\/(vwr|queue)\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (!match) return undefined;
  return new PassRequired(match[1] === 'vwr' ? 'waiting-room' : 'queue', match[2]!, path);
}

interface Words {
  readonly title: string;
  readonly detail: string;
}

/** Words for errors no service answered: the edge's redirect, a timeout, no network, a bug. */
const unanswered = bilingual<{
  readonly passRequired: Readonly<Record<PassTier, Words>>;
  readonly timeout: Words;
  readonly network: Words;
  readonly unknown: string;
}>({
  ko: {
    passRequired: {
      queue: { title: '대기열 통과 필요', detail: '예매 대기열을 다시 통과해야 합니다.' },
      'waiting-room': { title: '대기열 통과 필요', detail: '접속 대기열을 다시 통과해야 합니다.' },
    },
    timeout: { title: '서버 응답이 늦습니다', detail: '잠시 후 다시 시도해 주세요.' },
    network: { title: '서버에 연결할 수 없습니다', detail: '네트워크 상태를 확인하고 다시 시도해 주세요.' },
    unknown: '알 수 없는 오류',
  },
  en: {
    passRequired: {
      queue: { title: 'Waiting room required', detail: 'Go through the booking queue again.' },
      'waiting-room': { title: 'Waiting room required', detail: 'Go through the waiting room again.' },
    },
    timeout: { title: 'The server is slow to answer', detail: 'Please try again in a moment.' },
    network: { title: "Can't reach the server", detail: 'Check your network connection and try again.' },
    unknown: 'Unexpected error',
  },
});

/**
 * Something to show for any error a call can throw, in the fan's words and language where the problem is
 * a known one.
 */
export function describeError(error: unknown, context: ProblemContext = {}, locale: Locale = 'ko'): Problem {
  if (error instanceof ApiProblem) return inFansWords(error.problem, context, locale);
  const t = unanswered[locale];
  if (error instanceof PassRequired) return { ...t.passRequired[error.tier], status: 0 };
  if (error instanceof DOMException && error.name === 'TimeoutError') return { ...t.timeout, status: 0 };
  if (error instanceof TypeError) return { ...t.network, status: 0 };
  return { title: t.unknown, status: 0, detail: error instanceof Error ? error.message : String(error) };
}
