import { Agent, request } from 'node:http';

/** One request as the run records it: what, how long, how it ended. */
export interface RequestRecord {
  readonly route: string;
  readonly startedAt: number;
  readonly ms: number;
  /** HTTP status, or 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  /** The problem type of a 5xx answer with a problem JSON body. */
  readonly problemType?: string;
}

/** The `type` of a problem JSON body; undefined for anything else. */
export function problemTypeOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString()) as { type?: unknown };
    return typeof parsed.type === 'string' ? parsed.type : undefined;
  } catch {
    return undefined;
  }
}

export interface FanHttpOptions {
  /** The fan's own address on loopback (127.x.y.z): the edge tells fans apart by it. */
  readonly localAddress: string;
  readonly record: (entry: RequestRecord) => void;
  readonly timeoutMs?: number;
}

/** The route template of a path, for the figures: ids and numbers become `:id`. */
export function routeOf(method: string, path: string): string {
  const template = path
    .split('?')[0]!
    .split('/')
    .map((part) => (/^[0-9a-f-]{8,}$/i.test(part) || /^\d+$/.test(part) || /^evt-/.test(part) ? ':id' : part))
    .join('/');
  return `${method} ${template}`;
}

/**
 * A browser's `fetch` for one fan: its own connection address, its own cookie jar (set-cookie in, cookie
 * out), no redirect following (a redirect to the waiting room is an answer to read), every request recorded.
 */
export function fanFetch(options: FanHttpOptions): typeof fetch {
  const agent = new Agent({ keepAlive: true, maxSockets: 4, localAddress: options.localAddress });
  const jar = new Map<string, string>();
  const timeoutMs = options.timeoutMs ?? 20_000;

  const remember = (setCookies: readonly string[]) => {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      if (at <= 0) continue;
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  };

  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const route = routeOf(method, url.pathname);
    const startedAt = Date.now();
    const started = performance.now();
    try {
      const answer = await new Promise<{ status: number; headers: Headers; body: Buffer }>(
        (resolve, reject) => {
          const sent = request(url, { method, headers, agent, timeout: timeoutMs }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const received = new Headers();
              for (const [name, value] of Object.entries(response.headers)) {
                if (value === undefined) continue;
                for (const one of Array.isArray(value) ? value : [value]) received.append(name, one);
              }
              resolve({ status: response.statusCode ?? 0, headers: received, body: Buffer.concat(chunks) });
            });
          });
          sent.on('timeout', () => sent.destroy(new Error(`no answer in ${timeoutMs} ms`)));
          sent.on('error', reject);
          init.signal?.addEventListener('abort', () => sent.destroy(new Error('aborted')), { once: true });
          sent.end(body);
        },
      );
      remember(answer.headers.getSetCookie());
      const problemType = answer.status >= 500 ? problemTypeOf(answer.body) : undefined;
      options.record({
        route,
        startedAt,
        ms: performance.now() - started,
        status: answer.status,
        ...(problemType ? { problemType } : {}),
      });
      const empty = answer.status === 204 || answer.status === 304 || answer.body.length === 0;
      return new Response(empty ? null : answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      options.record({ route, startedAt, ms: performance.now() - started, status: 0 });
      throw error;
    }
  }) as typeof fetch;
}

/** Fan `index`'s own loopback address: 127.1.0.1, 127.1.0.2, … (the whole 127/8 is loopback). */
export function fanAddress(index: number): string {
  const n = index + 1;
  return `127.${1 + Math.floor(n / 65_536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}
