import { problemContentType } from '@urr/common/errors/http-problem';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those fetch recomputes; a proxy does not pass them on. */
const notForwarded = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

export interface ProxyRequest {
  readonly method: string;
  /** Path and query to ask the origin for. */
  readonly pathAndQuery: string;
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
  readonly clientIp: string;
  readonly viewerHost: string;
}

/** Forwards a request to an origin as CloudFront would, streaming both ways. */
export async function proxyTo(origin: string, request: ProxyRequest): Promise<Response> {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!notForwarded.has(name)) headers.set(name, value);
  });
  const forwardedFor = request.headers.get('x-forwarded-for');
  headers.set('x-forwarded-for', forwardedFor ? `${forwardedFor}, ${request.clientIp}` : request.clientIp);
  headers.set('x-forwarded-host', request.viewerHost);
  headers.set('x-forwarded-proto', 'http');
  let upstream: Response;
  try {
    upstream = await fetch(new URL(request.pathAndQuery, origin), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : request.body,
      redirect: 'manual',
      // Node's fetch streams a request body only half-duplex.
      duplex: 'half',
    });
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
  const responseHeaders = new Headers(upstream.headers);
  // fetch has already decoded the body, so its encoding and length no longer describe it.
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding', 'connection'])
    responseHeaders.delete(name);
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}
