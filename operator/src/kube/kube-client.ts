import http from 'node:http';
import https from 'node:https';
import { KubeApiError, parseErrorBody } from './kube-api-error.js';
import type { KubeConfig } from './kube-config.js';
import { type ObjectRef, queryString, type ResourceType, resourcePath } from './resource-path.js';
import { parseWatchLine, type WatchEvent, WatchLineSplitter } from './watch-lines.js';

export interface ObjectList<T> {
  readonly items: T[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

export interface ListOptions {
  readonly namespace?: string | undefined;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
}

export interface WatchOptions {
  readonly namespace?: string | undefined;
  readonly resourceVersion?: string;
  /** The apiserver ends the watch after this long; the caller watches again from where it was. */
  readonly timeoutSeconds: number;
}

/** A running watch: `done` settles when the stream ends (resolves) or breaks (rejects). */
export interface WatchHandle {
  readonly done: Promise<void>;
  abort(): void;
}

export interface WriteOptions {
  /**
   * The caller does not use the object the apiserver sends back: it is read off the connection but not
   * parsed, and the call resolves to undefined. A refusal is still read and thrown as a KubeApiError.
   */
  readonly discardResponse?: boolean;
}

export interface ApplyOptions extends WriteOptions {
  readonly fieldManager: string;
  readonly force?: boolean;
}

interface RequestOptions extends WriteOptions {
  readonly body?: unknown;
  readonly contentType?: string;
}

const jsonType = 'application/json';

/**
 * A small Kubernetes API client over node:https: one keep-alive agent (so a pass does not pay a TLS
 * handshake per call), JSON in and out, and KubeApiError carrying the status code for every refusal.
 * Why not @kubernetes/client-node: docs/adr/0050-a-thin-kubernetes-client-in-the-operator.md.
 */
export class KubeClient {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly requestTimeoutMs: number;

  constructor(
    readonly config: KubeConfig,
    options: { readonly requestTimeoutMs?: number; readonly maxSockets?: number } = {},
  ) {
    const secure = config.server.startsWith('https:');
    this.transport = secure ? https : http;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    // Idle connections are closed by us after 30 s, before the apiserver drops them under a request.
    const common = {
      keepAlive: true,
      timeout: 30_000,
      maxSockets: options.maxSockets ?? 32,
      scheduling: 'lifo' as const,
    };
    this.agent = secure
      ? new https.Agent({
          ...common,
          ...(config.ca ? { ca: config.ca } : {}),
          ...(config.clientCert ? { cert: config.clientCert } : {}),
          ...(config.clientKey ? { key: config.clientKey } : {}),
          ...(config.tlsServerName ? { servername: config.tlsServerName } : {}),
          rejectUnauthorized: !config.insecureSkipTlsVerify,
        })
      : new http.Agent(common);
  }

  get<T>(type: ResourceType, ref: ObjectRef): Promise<T> {
    return this.request('GET', resourcePath(type, ref));
  }

  list<T>(type: ResourceType, options: ListOptions = {}): Promise<ObjectList<T>> {
    const { namespace, ...query } = options;
    return this.request('GET', resourcePath(type, { namespace }) + queryString({ ...query }));
  }

  create<T>(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): Promise<T> {
    return this.request('POST', resourcePath(type, { namespace }), { ...options, body });
  }

  /** PUT of the whole object; its metadata.resourceVersion makes it fail with 409 if the object moved on. */
  replace<T>(type: ResourceType, ref: ObjectRef, body: unknown, options: WriteOptions = {}): Promise<T> {
    return this.request('PUT', resourcePath(type, ref), { ...options, body });
  }

  delete(type: ResourceType, ref: ObjectRef): Promise<unknown> {
    return this.request('DELETE', resourcePath(type, ref));
  }

  mergePatch<T>(type: ResourceType, ref: ObjectRef, patch: unknown, options: WriteOptions = {}): Promise<T> {
    return this.request('PATCH', resourcePath(type, ref), {
      ...options,
      body: patch,
      contentType: 'application/merge-patch+json',
    });
  }

  jsonPatch<T>(
    type: ResourceType,
    ref: ObjectRef,
    operations: readonly unknown[],
    options: WriteOptions = {},
  ): Promise<T> {
    return this.request('PATCH', resourcePath(type, ref), {
      ...options,
      body: operations,
      contentType: 'application/json-patch+json',
    });
  }

  /** Server-side apply; the body goes as JSON, which is YAML too. */
  apply<T>(type: ResourceType, ref: ObjectRef, body: unknown, options: ApplyOptions): Promise<T> {
    const query = queryString({ fieldManager: options.fieldManager, force: options.force || undefined });
    return this.request('PATCH', resourcePath(type, ref) + query, {
      body,
      contentType: 'application/apply-patch+yaml',
      ...(options.discardResponse ? { discardResponse: true } : {}),
    });
  }

  /** Streams the events of a collection from a resourceVersion, bookmarks included. */
  watch<T>(type: ResourceType, options: WatchOptions, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    const path =
      resourcePath(type, { namespace: options.namespace }) +
      queryString({
        watch: 1,
        allowWatchBookmarks: true,
        resourceVersion: options.resourceVersion,
        timeoutSeconds: options.timeoutSeconds,
      });
    let request: http.ClientRequest | undefined;
    const done = new Promise<void>((resolve, reject) => {
      let settled = false;
      // Settles once; a stream that broke (or carried a line that is no event) is cut off, not read on.
      const fail = (error: unknown) => {
        if (!settled) {
          settled = true;
          reject(error);
        }
        request?.destroy();
      };
      request = this.transport.request(this.url(path), {
        method: 'GET',
        agent: this.agent,
        headers: this.headers(),
      });
      // Bookmarks come about once a minute; a stream silent for much longer than its own timeout is dead.
      request.setTimeout((options.timeoutSeconds + 60) * 1000, () =>
        fail(new Error(`watch ${path}: no data for too long`)),
      );
      request.on('error', fail);
      request.on('response', (response) => {
        if (response.statusCode !== 200) {
          readBody(response).then(
            (text) => fail(new KubeApiError(response.statusCode ?? 0, parseErrorBody(text), 'GET', path)),
            fail,
          );
          return;
        }
        const splitter = new WatchLineSplitter();
        const deliver = (lines: string[]) => {
          for (const line of lines) if (!settled) onEvent(parseWatchLine<T>(line));
        };
        response.on('data', (chunk: Buffer) => {
          try {
            deliver(splitter.push(chunk));
          } catch (error) {
            fail(error);
          }
        });
        response.on('end', () => {
          try {
            deliver(splitter.end());
          } catch (error) {
            fail(error);
          }
          if (!settled) {
            settled = true;
            resolve();
          }
        });
        response.on('error', fail);
        response.on('aborted', () => fail(new Error(`watch ${path}: stream aborted`)));
      });
      request.end();
    });
    return {
      done,
      abort: () => request?.destroy(),
    };
  }

  /** Closes the idle connections; requests still running finish. */
  destroy(): void {
    this.agent.destroy();
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers = this.headers();
    if (payload !== undefined) {
      headers['content-type'] = options.contentType ?? jsonType;
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const { statusCode, text } = await new Promise<{ statusCode: number; text: string }>(
      (resolve, reject) => {
        const request = this.transport.request(this.url(path), { method, agent: this.agent, headers });
        request.setTimeout(this.requestTimeoutMs, () =>
          request.destroy(new Error(`${method} ${path}: no answer in ${this.requestTimeoutMs} ms`)),
        );
        request.on('error', reject);
        request.on('response', (response) => {
          const statusCode = response.statusCode ?? 0;
          const succeeded = statusCode >= 200 && statusCode < 300;
          const body = succeeded && options.discardResponse ? drainBody(response) : readBody(response);
          body.then((text) => resolve({ statusCode, text }), reject);
        });
        request.end(payload);
      },
    );
    if (statusCode < 200 || statusCode >= 300)
      throw new KubeApiError(statusCode, parseErrorBody(text), method, path);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private url(path: string): URL {
    return new URL(this.config.server + path);
  }

  private headers(): Record<string, string> {
    const token = this.config.token?.();
    return { accept: jsonType, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }
}

/** Reads an answer off the connection (so it can carry the next request) without keeping it. */
function drainBody(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    response.on('end', () => resolve(''));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the apiserver broke off its answer')));
    response.resume();
  });
}

function readBody(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the apiserver broke off its answer')));
  });
}
