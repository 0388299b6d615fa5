import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export const problemContentType = 'application/problem+json';

/** RFC 9457 problem details. `type` defaults to `about:blank`; extensions sit beside the standard members. */
export interface ProblemDetails {
  readonly type?: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The one error a handler throws to answer with an HTTP error; `app.onError` renders it as problem JSON. */
export class HttpProblem extends Error {
  readonly problem: ProblemDetails;

  constructor(
    readonly status: ContentfulStatusCode,
    problem: ProblemDetails,
    /** Extra response headers, e.g. `Retry-After` on a 429 or 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'HttpProblem';
    this.problem = problem;
  }

  /** The body as sent: `type` and `status` always present. */
  toJSON(): ProblemDetails & { type: string; status: number } {
    return { ...this.problem, type: this.problem.type ?? 'about:blank', status: this.status };
  }
}

export interface FieldError {
  /** Dotted path of the bad field (`email`, `seats.0.id`); empty for the whole body. */
  readonly path: string;
  readonly message: string;
}

export type ValidationTarget = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form' | 'config';

export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const targetNames: Record<ValidationTarget, string> = {
  json: 'request body',
  query: 'query string',
  param: 'path parameters',
  header: 'request headers',
  cookie: 'cookies',
  form: 'form body',
  config: 'configuration',
};

/** A 400 problem naming every bad field, in `detail` (for people) and in `errors` (for programs). */
export function validationProblem(error: ZodError, target: ValidationTarget = 'json'): HttpProblem {
  return fieldsProblem(fieldErrorsOf(error), target);
}

/** The 400 problem of `validationProblem` for field errors found without zod. */
export function fieldsProblem(errors: readonly FieldError[], target: ValidationTarget): HttpProblem {
  const fields = [...new Set(errors.map((fieldError) => fieldError.path || '(root)'))];
  return new HttpProblem(400, {
    type: 'urn:urr:problem:validation',
    title: 'Invalid request',
    detail: `Invalid ${targetNames[target]}: ${fields.join(', ')}`,
    errors,
  });
}

/** Writes a problem response; used by `onError`, `notFound` and by middleware that answers early. */
export function problemResponse(c: Context, problem: HttpProblem): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  return c.body(
    JSON.stringify({ ...problem.toJSON(), instance: problem.problem.instance ?? c.req.path }),
    problem.status,
    {
      'content-type': problemContentType,
    },
  );
}

/** Whether a response body is problem JSON (for clients telling problems from other error bodies). */
export function isProblemContentType(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === problemContentType;
}
