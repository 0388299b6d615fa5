import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { keptAliveAgentOptions } from '../http/keep-alive.js';

/** One call's answer, read whole: internal answers are small JSON documents. */
export interface ExchangeAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
}

export interface ExchangeRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
}

/** No whole answer within the call's time; named as fetch names it, so callers tell it from a refusal. */
export class ExchangeTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * Request/answer over kept-alive node:http connections to one service, without fetch's Request, Headers and
 * web-stream objects per call (docs/adr/0051): a service calls its neighbours on every booking. Pooled
 * connections are unref'd while idle, so a client never keeps its process alive.
 */
export function createHttpExchange(): (call: ExchangeRequest) => Promise<ExchangeAnswer> {
  const http = new HttpAgent(keptAliveAgentOptions);
  const https = new HttpsAgent(keptAliveAgentOptions);

  return (call) =>
    new Promise<ExchangeAnswer>((resolve, reject) => {
      const secure = call.url.protocol === 'https:';
      const headers = {
        ...call.headers,
        ...(call.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(call.body)) }),
      };
      const outgoing = (secure ? httpsRequest : httpRequest)(call.url, {
        method: call.method,
        headers,
        agent: secure ? https : http,
      });
      const deadline = setTimeout(
        () => outgoing.destroy(new ExchangeTimeoutError(`no whole answer within ${call.timeoutMs} ms`)),
        call.timeoutMs,
      );
      const fail = (error: Error) => {
        clearTimeout(deadline);
        reject(error);
      };
      outgoing.on('error', fail);
      outgoing.on('response', (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', fail);
        answer.on('end', () => {
          clearTimeout(deadline);
          resolve({
            status: answer.statusCode ?? 502,
            contentType: answer.headers['content-type'],
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      outgoing.end(call.body);
    });
}
