import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { problemContentType } from '@urr/common/errors/http-problem';
import type { UpstreamPool } from '@urr/common/http/upstream-pool';
import { httpApiEvent } from '@urr/vwr-api/http-api-event';
import type { ApiHandler } from '@urr/vwr-api/routes';
import type { CloudFrontFunction } from '@urr/vwr-rewrite/load-function';
import type { CloudFrontRequestEvent, CloudFrontRequestResult, CloudFrontResultResponse } from 'aws-lambda';
import { type Context, Hono } from 'hono';
import { cloudFrontHeaders, viewerRequestEvent } from './cloudfront-events.js';
import { proxyTo } from './proxy.js';

export interface VwrApiRoute {
  /** API Gateway route key, e.g. `GET /vwr-api/vwr/check/{eventId}`. */
  readonly routeKey: string;
  readonly handler: ApiHandler;
}

/** What the server hands each request besides it: the viewer's address and, under node, the raw headers. */
export interface EdgeBindings {
  readonly clientIp?: string;
  readonly requestHeaders?: IncomingHttpHeaders;
  /** Node's request and response, when node serves: proxied answers are written straight into it. */
  readonly incoming?: IncomingMessage;
  readonly outgoing?: ServerResponse;
}

/**
 * The request's headers as API Gateway hands them on: from node's parsed headers when served by node
 * (reading `c.req.raw.headers` would build a whole Request per poll), else from the Request.
 */
function requestHeadersOf(c: Context<{ Bindings: EdgeBindings }>): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = c.env?.requestHeaders;
  if (!raw) {
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return headers;
  }
  for (const [name, value] of Object.entries(raw))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

export interface EdgeAppOptions {
  readonly vwrApiRoutes: readonly VwrApiRoute[];
  readonly edgeAuth: (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;
  readonly vwrRewrite: CloudFrontFunction;
  /** The S3 bucket of the waiting page: a folder whose `vwr/index.html` is the page. */
  readonly staticRoot: URL;
  readonly gatewayUrl: string;
  readonly frontendUrl: string;
  /** Kept-alive connections to the two origins. */
  readonly origins: UpstreamPool;
}

/** The viewer's body and end: node's own request when node serves (no fetch Request built), else the fetch ones. */
function viewerBodyOf(c: Context<{ Bindings: EdgeBindings }>) {
  const incoming = c.env?.incoming;
  if (incoming && c.env?.outgoing) return { body: incoming };
  return { body: c.req.raw.body, signal: c.req.raw.signal };
}

const problem = (status: number, title: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': problemContentType },
  });

/** An API Gateway route key as a matcher: `{name}` matches one path segment. */
function routeMatcher(routeKey: string) {
  const [method, template] = routeKey.split(' ') as [string, string];
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return (requestMethod: string, path: string): Record<string, string> | undefined => {
    if (requestMethod !== method) return undefined;
    const match = pattern.exec(path);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
  };
}

function cloudFrontResponse(result: CloudFrontResultResponse): Response {
  const headers = new Headers();
  for (const entries of Object.values(result.headers ?? {}))
    for (const { key, value } of entries) headers.append(key ?? '', value);
  return new Response(result.body ?? null, { status: Number(result.status), headers });
}

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * Routes like the CloudFront distribution and calls the very handlers AWS runs,
 * through the event shapes AWS uses: API Gateway v2 for `/vwr-api/*`, the CloudFront Function for `/vwr/*`,
 * the Lambda@Edge viewer-request event for `/api/*`. Everything else goes to the frontend.
 */
export function createEdgeApp(options: EdgeAppOptions): Hono<{ Bindings: EdgeBindings }> {
  const app = new Hono<{ Bindings: EdgeBindings }>();
  const routes = options.vwrApiRoutes.map((route) => ({ ...route, match: routeMatcher(route.routeKey) }));
  const clientIpOf = (env: { clientIp?: string } | undefined) => env?.clientIp ?? '127.0.0.1';

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.all('/vwr-api/*', async (c) => {
    const url = new URL(c.req.url);
    for (const route of routes) {
      const pathParameters = route.match(c.req.method, url.pathname);
      if (!pathParameters) continue;
      const headers = requestHeadersOf(c);
      const result = await route.handler(
        httpApiEvent({
          method: c.req.method,
          path: url.pathname,
          routeKey: route.routeKey,
          pathParameters,
          rawQueryString: url.search.slice(1),
          headers,
          body: c.req.method === 'GET' ? undefined : await c.req.text(),
          sourceIp: clientIpOf(c.env),
        }),
      );
      // A plain record (set-cookie as a list) goes to node's writeHead as it is, without a Headers object.
      const response: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(result.headers ?? {}))
        response[name.toLowerCase()] = String(value);
      if (result.cookies?.length) response['set-cookie'] = result.cookies;
      return new Response(result.body ?? null, {
        status: result.statusCode ?? 200,
        headers: response as unknown as Record<string, string>,
      });
    }
    return problem(404, 'Not Found', `No waiting-room API route for ${c.req.method} ${url.pathname}.`);
  });

  const waitingPage = async (c: { req: { url: string; method: string; raw: Request } }) => {
    const url = new URL(c.req.url);
    const request = options.vwrRewrite({
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '127.0.0.1' },
      request: {
        method: c.req.method,
        uri: url.pathname,
        querystring: Object.fromEntries([...url.searchParams].map(([name, value]) => [name, { value }])),
        headers: Object.fromEntries(
          Object.entries(cloudFrontHeaders(c.req.raw.headers)).map(([name, [first]]) => [
            name,
            { value: first!.value },
          ]),
        ),
        cookies: {},
      },
    });
    const key = request.uri.replace(/^\/+/, '');
    const file = new URL(key, options.staticRoot);
    if (key.includes('..') || !file.href.startsWith(options.staticRoot.href))
      return problem(403, 'Forbidden', 'Outside the bucket.');
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypes[key.split('.').pop() ?? ''] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return problem(404, 'Not Found', `No object ${key} in the waiting-page bucket.`);
    }
  };
  app.get('/vwr', waitingPage);
  app.get('/vwr/*', waitingPage);

  app.all('/api/*', async (c) => {
    const result = await options.edgeAuth(viewerRequestEvent(c.req.raw, clientIpOf(c.env)));
    if (result && 'status' in result) return cloudFrontResponse(result as CloudFrontResultResponse);
    const forwarded = result && 'uri' in result ? result : undefined;
    if (!forwarded) return problem(502, 'Bad Gateway', 'edge-auth returned nothing.');
    const headers = new Headers();
    for (const entries of Object.values(forwarded.headers))
      for (const { key, value } of entries) headers.append(key ?? '', value);
    return proxyTo(
      options.origins,
      options.gatewayUrl,
      {
        method: forwarded.method,
        pathAndQuery: forwarded.uri + (forwarded.querystring ? `?${forwarded.querystring}` : ''),
        headers,
        ...viewerBodyOf(c),
        clientIp: clientIpOf(c.env),
        viewerHost: new URL(c.req.url).host,
      },
      c.env?.outgoing,
    );
  });

  app.all('*', (c) => {
    const url = new URL(c.req.url);
    return proxyTo(
      options.origins,
      options.frontendUrl,
      {
        method: c.req.method,
        pathAndQuery: url.pathname + url.search,
        headers: c.req.raw.headers,
        ...viewerBodyOf(c),
        clientIp: clientIpOf(c.env),
        viewerHost: url.host,
      },
      c.env?.outgoing,
    );
  });

  return app;
}
