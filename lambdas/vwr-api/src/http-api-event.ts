import type { ApiEvent } from './http.js';

export interface HttpApiRequest {
  readonly method: string;
  /** Path as the client sent it, e.g. `/vwr-api/vwr/check/concert-1`. */
  readonly path: string;
  readonly routeKey: string;
  readonly pathParameters?: Record<string, string>;
  readonly rawQueryString?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly sourceIp?: string;
}

/**
 * The event API Gateway (HTTP API, payload format 2.0) hands a Lambda: cookies split out of the Cookie
 * header into `cookies`, header names lower-cased. The local edge and the tests build requests with it.
 */
export function httpApiEvent(request: HttpApiRequest): ApiEvent {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() === 'cookie')
      cookies = value
        .split(';')
        .map((cookie) => cookie.trim())
        .filter(Boolean);
    else headers[name.toLowerCase()] = value;
  }
  const now = new Date();
  const rawQueryString = request.rawQueryString ?? '';
  const query = new URLSearchParams(rawQueryString);
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'vwr-api',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: false,
  };
}
