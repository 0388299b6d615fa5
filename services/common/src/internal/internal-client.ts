import type { z } from 'zod';
import { HttpProblem, isProblemContentType, type ProblemDetails } from '../errors/http-problem.js';
import { requestIdHeader } from '../http/request-id.js';
import { injectTraceHeaders, SpanKind, withSpan } from '../tracing/tracing.js';
import { createHttpExchange, type ExchangeAnswer, ExchangeTimeoutError } from './http-exchange.js';
import { internalTokenHeader } from './internal-token.js';

/** Why an internal call failed; `toProblem()` gives the answer the calling service should send. */
export abstract class InternalCallError extends Error {
  constructor(
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${message}`, options);
    this.name = new.target.name;
  }
  abstract toProblem(): HttpProblem;
}

/** The other service answered with an error status; its problem JSON (or a summary of the body) is kept. */
export class UpstreamProblemError extends InternalCallError {
  constructor(
    target: string,
    readonly status: number,
    readonly problem: ProblemDetails,
  ) {
    super(target, `answered ${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
  }
  toProblem(): HttpProblem {
    return new HttpProblem(502, { title: 'Bad Gateway', detail: `${this.target} answered ${this.status}` });
  }
}

/** No answer within the timeout. */
export class UpstreamTimeoutError extends InternalCallError {
  toProblem(): HttpProblem {
    return new HttpProblem(504, {
      title: 'Gateway Timeout',
      detail: `${this.target} did not answer in time`,
    });
  }
}

/** Connection refused, reset, DNS failure: the other service is down or unreachable. */
export class UpstreamUnavailableError extends InternalCallError {
  toProblem(): HttpProblem {
    return new HttpProblem(
      503,
      { title: 'Service Unavailable', detail: `${this.target} is unavailable` },
      {
        'retry-after': '5',
      },
    );
  }
}

/** A 2xx answer whose body is not what the schema expects. */
export class UpstreamResponseError extends InternalCallError {
  toProblem(): HttpProblem {
    return new HttpProblem(502, { title: 'Bad Gateway', detail: `${this.target} sent an unexpected answer` });
  }
}

export interface InternalClientOptions {
  /** e.g. `http://payment-service:3003`. */
  readonly baseUrl: string;
  /** `INTERNAL_API_TOKEN`, sent as `x-internal-token`. */
  readonly token: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
  /** Name used in errors and spans. @default the base URL's host */
  readonly target?: string;
}

export interface CallOptions<Schema extends z.ZodType | undefined> {
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly body?: unknown;
  /** Validates the 2xx JSON answer; without it the answer is `unknown`. */
  readonly schema?: Schema;
  /** The incoming request's id, so one id follows the request across services. */
  readonly requestId?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

type Answer<Schema> = Schema extends z.ZodType ? z.output<Schema> : unknown;

export interface InternalClient {
  readonly request: <Schema extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    options?: CallOptions<Schema>,
  ) => Promise<Answer<Schema>>;
  readonly get: <Schema extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<Schema>,
  ) => Promise<Answer<Schema>>;
  readonly post: <Schema extends z.ZodType | undefined = undefined>(
    path: string,
    options?: CallOptions<Schema>,
  ) => Promise<Answer<Schema>>;
}

function problemFrom(status: number, contentType: string | null, text: string): ProblemDetails {
  if (isProblemContentType(contentType)) {
    try {
      const parsed = JSON.parse(text) as ProblemDetails;
      if (typeof parsed.title === 'string') return parsed;
    } catch {
      // fall through to the summary below
    }
  }
  return { title: `HTTP ${status}`, detail: text.slice(0, 200) };
}

/**
 * Service-to-service REST over kept-alive connections: the internal token, `traceparent` and request id on
 * every call, a timeout, and typed errors ({@link InternalCallError}) instead of raw responses.
 */
export function createInternalClient(options: InternalClientOptions): InternalClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const target = options.target ?? new URL(baseUrl).host;
  const send = createHttpExchange();

  const request = async <Schema extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    call: CallOptions<Schema> = {},
  ): Promise<Answer<Schema>> => {
    const url = new URL(`${baseUrl}${path}`);
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? 3000;
    return withSpan(
      `${method} ${target}${path}`,
      { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'server.address': target } },
      async () => {
        const headers: Record<string, string> = {
          accept: 'application/json, application/problem+json',
          ...call.headers,
          [internalTokenHeader]: options.token,
          ...(call.requestId ? { [requestIdHeader]: call.requestId } : {}),
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        };
        injectTraceHeaders(headers);
        let answer: ExchangeAnswer;
        try {
          answer = await send({
            url,
            method,
            headers,
            body: call.body === undefined ? undefined : JSON.stringify(call.body),
            timeoutMs,
          });
        } catch (error) {
          if (error instanceof ExchangeTimeoutError)
            throw new UpstreamTimeoutError(target, `no answer to ${method} ${path} within ${timeoutMs} ms`, {
              cause: error,
            });
          throw new UpstreamUnavailableError(
            target,
            `${method} ${path} failed: ${(error as Error).message}`,
            {
              cause: error,
            },
          );
        }
        const { status, text } = answer;
        if (status < 200 || status > 299)
          throw new UpstreamProblemError(
            target,
            status,
            problemFrom(status, answer.contentType ?? null, text),
          );
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch (error) {
          throw new UpstreamResponseError(target, `${method} ${path} answered with a body that is not JSON`, {
            cause: error,
          });
        }
        if (!call.schema) return body as Answer<Schema>;
        const parsed = call.schema.safeParse(body);
        if (!parsed.success)
          throw new UpstreamResponseError(target, `${method} ${path} answered an unexpected shape`, {
            cause: parsed.error,
          });
        return parsed.data as Answer<Schema>;
      },
    );
  };

  return {
    request,
    get: (path, call) => request('GET', path, call),
    post: (path, call) => request('POST', path, call),
  };
}
