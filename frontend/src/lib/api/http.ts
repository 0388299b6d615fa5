import { ApiProblem, passRequiredBy, problemOf } from './problem';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  readonly method?: HttpMethod;
  readonly query?: Query;
  readonly body?: unknown;
  /** The sale the call belongs to: the edge checks that sale's passes (`x-event-id`). */
  readonly eventId?: string;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

export interface TransportOptions {
  /** '' in the browser (same origin: the edge); the gateway's URL on the server. */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Renew an expired access token with the refresh cookie once, then retry (browser only). */
  readonly refreshSession?: boolean;
  /** Give up on a call after this long (server rendering must not hang on a stuck upstream). */
  readonly timeoutMs?: number;
}

export type Requester = <T>(path: string, options?: RequestOptions) => Promise<T>;

/** Where an expired access token is renewed; the refresh cookie is sent to this path only. */
export const refreshPath = '/api/v1/auth/refresh';

/** Calls that start or end a session: a 401 from them is the answer, not an expired session. */
const signInPaths = ['/api/v1/auth/login', '/api/v1/auth/register', refreshPath, '/api/v1/auth/logout'];

export function pathWithQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The one way the app calls the backend: JSON in and out, problem JSON turned into {@link ApiProblem}, the
 * edge's redirects to a waiting room turned into {@link PassRequired}, an expired session renewed once.
 */
export function createRequester(transport: TransportOptions): Requester {
  const doFetch = transport.fetch ?? ((input, init) => fetch(input, init));
  let refreshing: Promise<boolean> | undefined;

  const refresh = () => {
    refreshing ??= doFetch(`${transport.baseUrl}${refreshPath}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then((response) => response.ok)
      .catch(() => false)
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  const send = (path: string, options: RequestOptions) => {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.eventId) headers['x-event-id'] = options.eventId;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const init = {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin' as const,
      // A browser option: Node's RequestInit type has no `cache` (the load test runs this client in Node).
      cache: 'no-store' as const,
      signal:
        options.signal ??
        (transport.timeoutMs === undefined ? undefined : AbortSignal.timeout(transport.timeoutMs)),
    };
    return doFetch(`${transport.baseUrl}${pathWithQuery(path, options.query)}`, init);
  };

  return async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
    let response = await send(path, options);
    if (
      response.status === 401 &&
      transport.refreshSession &&
      !signInPaths.some((signIn) => path.startsWith(signIn)) &&
      (await refresh())
    )
      response = await send(path, options);
    if (response.redirected) {
      const pass = passRequiredBy(response.url);
      if (pass) throw pass;
    }
    const body = await bodyOf(response);
    if (!response.ok) throw new ApiProblem(problemOf(response.status, response.statusText, body));
    return body as T;
  };
}
