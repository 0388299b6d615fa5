import { Agent, type IncomingMessage, request } from 'node:http';
import { Readable } from 'node:stream';
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
  readonly signal: AbortSignal;
}

export interface UpstreamPool {
  /** Resolves with the upstream's answer once its head arrived; its body streams. */
  readonly send: (upstream: UpstreamRequest) => Promise<Response>;
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

  return {
    send: (upstream) =>
      new Promise((resolve, reject) => {
        const call = request(upstream.url, {
          method: upstream.method,
          headers: Object.fromEntries(upstream.headers),
          agent: agentFor(upstream.url.origin),
          signal: upstream.signal,
        });
        call.on('error', reject);
        call.on('finish', upstream.onSent);
        call.on('response', (answer: IncomingMessage) => resolve(responseOf(answer)));
        if (upstream.body) {
          upstream.body.on('error', (error) => call.destroy(error));
          upstream.body.pipe(call);
        } else call.end();
      }),
    close: () => {
      for (const agent of agents.values()) agent.destroy();
    },
  };
}

function responseOf(answer: IncomingMessage): Response {
  const headers = new Headers();
  const connectionListed = new Set(
    String(answer.headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  );
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!hopByHopHeaders.has(name) && !connectionListed.has(name)) headers.append(name, raw[i + 1]!);
  }
  const status = answer.statusCode ?? 502;
  if (bodiless.has(status)) {
    answer.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(answer) as ReadableStream<Uint8Array>, { status, headers });
}
