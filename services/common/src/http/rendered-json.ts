/**
 * A JSON document rendered once and served to many: its gzip kept beside it, and an ETag that answers a
 * repeated request with 304 Not Modified (docs/adr/0055).
 */
export interface RenderedJson {
  readonly json: string;
  readonly gzip: Buffer;
  /** A strong entity tag, quotes included. */
  readonly etag: string;
}

/** Whether an If-None-Match header names `etag` (or is `*`); weak tags match by their opaque part. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * Whether an Accept-Encoding header accepts gzip: by name, else by `*`; a weight of `q=0` refuses it, and
 * gzip named with `q=0` stays refused whatever `*` says.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    weights.set(coding.trim(), q === undefined ? 1 : Number(q.slice(2)));
  }
  const weight = weights.get('gzip') ?? weights.get('*') ?? 0;
  return weight > 0;
}

/**
 * The response to a GET of `document`: 304 when the client already has it, else 200 with the gzip when
 * the client accepts it. Caches may keep it but must ask again before reusing it (`no-cache`).
 */
export function renderedJsonResponse(
  document: RenderedJson,
  request: { readonly ifNoneMatch?: string | undefined; readonly acceptEncoding?: string | undefined },
): Response {
  const headers: Record<string, string> = {
    etag: document.etag,
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  };
  if (matchesIfNoneMatch(request.ifNoneMatch, document.etag))
    return new Response(null, { status: 304, headers });
  headers['content-type'] = 'application/json';
  if (!acceptsGzip(request.acceptEncoding)) return new Response(document.json, { status: 200, headers });
  headers['content-encoding'] = 'gzip';
  return new Response(new Uint8Array(document.gzip), { status: 200, headers });
}
