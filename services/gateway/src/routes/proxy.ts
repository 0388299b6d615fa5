import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { HttpProblem, injectTraceHeaders, requestIdHeader, SpanKind, withSpan } from '@urr/common';
import { relayedResponse, type UpstreamPool } from '@urr/common/http/upstream-pool';
import type { Context, Handler } from 'hono';
import { type ServiceName, serviceFor } from '../domain/route-table.js';
import type { GatewayEnv } from './gateway-env.js';

export interface ProxyOptions {
  /** Base URL of each service. */
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  /** Time an upstream has to send its response headers. */
  readonly timeoutMs: number;
  readonly pool: UpstreamPool;
}

/** Methods fetch refuses to send (the Fetch standard's forbidden methods): no service serves them. */
const unproxiedMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);
const proxiedMethods = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

class UpstreamTimeout extends Error {
  override readonly name = 'UpstreamTimeout';
}

/** The node objects of the request, when node:http serves it (not in `app.request`). */
function nodeRequestOf(c: Context<GatewayEnv>) {
  return c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
}

/** The client's body as a node stream: straight from its socket when served by node:http. */
function requestBodyOf(c: Context<GatewayEnv>): Readable | undefined {
  const incoming = nodeRequestOf(c)?.incoming;
  const hasBody =
    c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined;
  if (!hasBody || c.req.method === 'GET' || c.req.method === 'HEAD') return undefined;
  if (incoming) return incoming;
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream) : undefined;
}

/**
 * The last step: sends the request to the service the route table names, streaming both bodies, with
 * the request id and `traceparent`. An upstream that is down answers 503, one too slow 504 (problem JSON).
 */
export function proxyToService(options: ProxyOptions): Handler<GatewayEnv> {
  return async (c) => {
    const service = serviceFor(c.get('canonicalPath'));
    if (!service)
      throw new HttpProblem(404, {
        title: 'Not Found',
        detail: `no route for ${c.req.method} ${c.req.path}`,
      });
    if (unproxiedMethods.has(c.req.method))
      throw new HttpProblem(
        405,
        { title: 'Method Not Allowed', detail: `${c.req.method} is not served` },
        { allow: proxiedMethods },
      );
    const target = new URL(
      `${c.get('canonicalPath')}${new URL(c.req.url).search}`,
      options.upstreams[service],
    );
    const headers = c.get('upstreamHeaders');
    headers.set(requestIdHeader, c.get('requestId'));
    headers.set('x-forwarded-for', c.get('clientIp'));
    headers.set('x-forwarded-proto', new URL(c.req.url).protocol.replace(':', ''));
    const host = c.req.header('host');
    if (host) headers.set('x-forwarded-host', host);

    return withSpan(
      `proxy ${service}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': c.req.method, 'server.address': service },
      },
      async () => {
        for (const [name, value] of Object.entries(injectTraceHeaders())) headers.set(name, value);
        const timeout = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        let answered = false;
        // The upstream's time starts once it has the whole request: a large upload is not its delay.
        const startTimer = () => {
          if (!answered) timer = setTimeout(() => timeout.abort(new UpstreamTimeout()), options.timeoutMs);
        };
        const body = requestBodyOf(c);
        // A length with no body sent would make the service read the next request on the connection as it.
        if (!body) headers.delete('content-length');
        const upstream = { method: c.req.method, url: target, headers, body, onSent: startTimer };
        const outgoing = nodeRequestOf(c)?.outgoing;
        try {
          if (outgoing) {
            // Straight into the client's response: no fetch Response and web stream per request (ADR 0064).
            const answerHeaders = new Headers(c.get('answerHeaders'));
            answerHeaders.set(requestIdHeader, c.get('requestId'));
            const status = await options.pool.relay(
              { ...upstream, signal: timeout.signal },
              { outgoing, headers: answerHeaders },
            );
            return relayedResponse(status);
          }
          const response = await options.pool.send({
            ...upstream,
            signal: AbortSignal.any([timeout.signal, c.req.raw.signal]),
          });
          // A returned Response does not carry headers middleware set with c.header() before the handler ran.
          response.headers.set(requestIdHeader, c.get('requestId'));
          return response;
        } catch (error) {
          if (timeout.signal.aborted)
            throw new HttpProblem(504, {
              type: 'urn:urr:problem:upstream-timeout',
              title: 'Gateway Timeout',
              detail: `${service}-service did not answer within ${options.timeoutMs} ms`,
            });
          if (outgoing ? outgoing.destroyed : c.req.raw.signal.aborted) throw error;
          c.get('logger').warn({ err: error, service }, 'upstream unavailable');
          throw new HttpProblem(
            503,
            {
              type: 'urn:urr:problem:upstream-unavailable',
              title: 'Service Unavailable',
              detail: `${service}-service is unavailable`,
            },
            { 'retry-after': '5' },
          );
        } finally {
          // Only the wait for the response head is limited; a streaming answer may take longer.
          answered = true;
          clearTimeout(timer);
        }
      },
    );
  };
}
