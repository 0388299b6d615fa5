import {
  Agent,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import { Readable } from 'node:stream';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { hopByHopHeaders } from './hop-by-hop.js';
import { keptAliveAgentOptions } from './keep-alive.js';

/** Statuses whose answer has no body (a Response refuses one). */
const bodiless = new Set([101, 204, 205, 304]);

export interface UpstreamRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The client's body as it arrives; none for a request without one. */
  readonly body: Readable | undefined;
  /** Called once the whole request went out: the upstream's time to answer starts there. */
  readonly onSent: () => void;
  /** Ends the request (a timeout, the client gone); `relay` also ends it when the client goes away. */
  readonly signal?: AbortSignal | undefined;
}

/** Where `relay` writes the upstream's answer: the client's own response, and headers of the caller's. */
export interface RelayTarget {
  readonly outgoing: ServerResponse;
  /** Set on the answer over the upstream's headers of the same name. */
  readonly headers: Headers;
}

export interface UpstreamPool {
  /** Resolves with the upstream's answer once its head arrived; its body streams. */
  readonly send: (upstream: UpstreamRequest) => Promise<Response>;
  /**
   * Writes the upstream's answer straight into the client's node response, head and streamed body
   * (docs/adr/0064); resolves with its status once the head is written. Rejects, with nothing written,
   * when no head came; a failure after the head ends the client's response early.
   */
  readonly relay: (upstream: UpstreamRequest, target: RelayTarget) => Promise<number>;
  readonly close: () => void;
}

/**
 * Keep-alive connections to each upstream (one agent per origin) over node:http rather than fetch: the
 * request body is piped from the client's socket and the answer streamed back, without fetch's Request
 * object, header copies and extra stream on the way out (docs/adr/0038).
 */
export function createUpstreamPool(options: { readonly maxSocketsPerUpstream: number }): UpstreamPool {
  const agents = new Map<string, Agent>();
  const agentFor = (origin: string) => {
    let agent = agents.get(origin);
    if (!agent) {
      agent = new Agent({ ...keptAliveAgentOptions, maxSockets: options.maxSocketsPerUpstream });
      agents.set(origin, agent);
    }
    return agent;
  };

  const callFor = (upstream: UpstreamRequest) =>
    request(upstream.url, {
      method: upstream.method,
      headers: Object.fromEntries(upstream.headers),
      agent: agentFor(upstream.url.origin),
      ...(upstream.signal ? { signal: upstream.signal } : {}),
    });
  const sendBody = (upstream: UpstreamRequest, call: ReturnType<typeof request>) => {
    if (upstream.body) {
      upstream.body.on('error', (error) => call.destroy(error));
      upstream.body.pipe(call);
    } else call.end();
  };

  return {
    relay: (upstream, { outgoing, headers }) =>
      new Promise((resolve, reject) => {
        const call = callFor(upstream);
        let answered = false;
        call.on('error', (error) => {
          if (answered) outgoing.destroy(error);
          else reject(error);
        });
        call.on('finish', upstream.onSent);
        // The client going away ends the upstream request (and its answer) too.
        outgoing.once('close', () => {
          if (!outgoing.writableFinished) call.destroy();
        });
        call.on('response', (answer: IncomingMessage) => {
          answered = true;
          const status = answer.statusCode ?? 502;
          outgoing.writeHead(status, answerHeadOf(answer, headers));
          if (bodiless.has(status)) {
            answer.resume();
            outgoing.end();
          } else {
            answer.on('aborted', () => outgoing.destroy());
            answer.pipe(outgoing);
          }
          resolve(status);
        });
        sendBody(upstream, call);
      }),
    send: (upstream) =>
      new Promise((resolve, reject) => {
        const call = callFor(upstream);
        call.on('error', reject);
        call.on('finish', upstream.onSent);
        call.on('response', (answer: IncomingMessage) => resolve(responseOf(answer)));
        sendBody(upstream, call);
      }),
    close: () => {
      for (const agent of agents.values()) agent.destroy();
    },
  };
}

const [alreadySentHeader = 'x-hono-already-sent'] = [...RESPONSE_ALREADY_SENT.headers.keys()];
/**
 * The platform's Response, as the node server's own marker is made with: the node server swaps in a lighter
 * Response class whose answers it writes without looking for the marker.
 */
const PlatformResponse = RESPONSE_ALREADY_SENT.constructor as typeof Response;

/**
 * What a hono handler returns after `relay` wrote the answer itself: the node server writes nothing more,
 * and the middleware (access log, metrics) still sees the status the client got.
 */
export function relayedResponse(status: number): Response {
  return new PlatformResponse(null, {
    status: status >= 200 && status <= 599 ? status : 502,
    headers: { [alreadySentHeader]: 'true' },
  });
}

/** Calls `keep` with each end-to-end header of the upstream's answer: hop-by-hop ones and those its `Connection` names are left out. */
function forEachEndToEndHeader(answer: IncomingMessage, keep: (name: string, value: string) => void) {
  const connectionListed = new Set(
    String(answer.headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  );
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!hopByHopHeaders.has(name) && !connectionListed.has(name)) keep(name, raw[i + 1]!);
  }
}

/** The upstream's headers for the client: no hop-by-hop ones, the caller's over the upstream's. */
function answerHeadOf(answer: IncomingMessage, own: Headers): OutgoingHttpHeaders {
  const head: OutgoingHttpHeaders = {};
  forEachEndToEndHeader(answer, (name, value) => {
    const kept = head[name];
    if (kept === undefined) head[name] = value;
    else head[name] = Array.isArray(kept) ? [...kept, value] : [String(kept), value];
  });
  own.forEach((value, name) => {
    head[name] = value;
  });
  return head;
}

function responseOf(answer: IncomingMessage): Response {
  const headers = new Headers();
  forEachEndToEndHeader(answer, (name, value) => headers.append(name, value));
  const status = answer.statusCode ?? 502;
  if (bodiless.has(status)) {
    answer.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(answer) as ReadableStream<Uint8Array>, { status, headers });
}
