import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { problemContentType } from '@urr/common/errors/http-problem';
import { hopByHopHeaders } from '@urr/common/http/hop-by-hop';
import { relayedResponse, type UpstreamPool } from '@urr/common/http/upstream-pool';

/** Set for the origin connection itself (node:http writes the origin's host). */
const setByTheConnection = new Set(['host', 'proxy-connection']);

export interface ProxyRequest {
  readonly method: string;
  /** Path and query to ask the origin for. */
  readonly pathAndQuery: string;
  readonly headers: Headers;
  /** The viewer's body: node's request as it arrives when served by node, else the fetch body. */
  readonly body: Readable | ReadableStream<Uint8Array> | null;
  readonly clientIp: string;
  readonly viewerHost: string;
  /** The viewer going away ends the origin request (with `outgoing`, its closing does). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Forwards a request to an origin as CloudFront would, streaming both ways, over the kept-alive
 * connections of the pool the gateway uses too (docs/adr/0038): the answer passes as the origin sent it,
 * its encoding and length included. Given the viewer's node response, the answer is written straight into
 * it (ADR 0064) and the returned Response only tells the status.
 */
export async function proxyTo(
  pool: UpstreamPool,
  origin: string,
  request: ProxyRequest,
  outgoing?: ServerResponse,
): Promise<Response> {
  const connectionListed = new Set(
    (request.headers.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase()),
  );
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!hopByHopHeaders.has(name) && !setByTheConnection.has(name) && !connectionListed.has(name))
      headers.set(name, value);
  });
  const forwardedFor = request.headers.get('x-forwarded-for');
  headers.set('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${request.clientIp}` : request.clientIp);
  headers.set('x-forwarded-host', request.viewerHost);
  headers.set('x-forwarded-proto', 'http');
  const withBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  // The viewer's length still holds (the body passes unchanged); a body without one goes chunked.
  if (!withBody) headers.delete('content-length');
  else if (!headers.has('content-length')) headers.set('transfer-encoding', 'chunked');
  const body = !withBody
    ? undefined
    : request.body instanceof Readable
      ? request.body
      : Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  const upstream = {
    method: request.method,
    url: new URL(request.pathAndQuery, origin),
    headers,
    body,
    onSent: () => {},
    signal: request.signal,
  };
  try {
    if (outgoing) return relayedResponse(await pool.relay(upstream, { outgoing, headers: new Headers() }));
    return await pool.send(upstream);
  } catch {
    return new Response(
      JSON.stringify({
        type: 'urn:urr:problem:origin-unreachable',
        title: 'Origin unreachable',
        status: 502,
        detail: `The edge could not reach ${origin}.`,
      }),
      { status: 502, headers: { 'content-type': problemContentType } },
    );
  }
}
