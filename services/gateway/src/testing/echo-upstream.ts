import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
  readonly bodySha256: string;
}

export interface EchoUpstream {
  readonly url: string;
  /** Every request that reached the upstream, oldest first. */
  readonly received: EchoedRequest[];
  readonly close: () => Promise<void>;
}

/**
 * A stand-in service that answers with what reached it (method, path, headers, body digest), so tests
 * can assert what the gateway forwards. `?delayMs=` delays the answer; `?streamChunks=` streams a body.
 */
export async function startEchoUpstream(): Promise<EchoUpstream> {
  const received: EchoedRequest[] = [];
  const server = createServer((request, response) => {
    const digest = createHash('sha256');
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
      digest.update(chunk);
    });
    request.on('end', () => {
      const echoed = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        bodyBytes,
        bodySha256: digest.digest('hex'),
      };
      received.push(echoed);
      const query = new URL(echoed.url, 'http://echo').searchParams;
      const chunks = Number(query.get('streamChunks') ?? 0);
      const answer = () => {
        if (chunks > 0) {
          response.writeHead(200, { 'content-type': 'text/plain' });
          let sent = 0;
          const timer = setInterval(() => {
            response.write(`chunk ${sent}\n`);
            if (++sent === chunks) {
              clearInterval(timer);
              response.end();
            }
          }, 20);
          return;
        }
        response.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
        });
        response.end(JSON.stringify(echoed));
      };
      const delayMs = Number(query.get('delayMs') ?? 0);
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
