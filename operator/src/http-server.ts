import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface OperatorHttpOptions {
  readonly registry: Registry;
  /** Whether this replica currently holds the Lease (reported, not a health criterion: standbys are healthy). */
  readonly isLeader: () => boolean;
}

/**
 * GET /metrics (Prometheus text) and GET /healthz (liveness, also served as /health, the path the
 * local stack's start script polls). Anything else is a 404 problem document.
 */
export function createOperatorServer(options: OperatorHttpOptions): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      options.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': options.registry.contentType });
          response.end(text);
        },
        (error: Error) => problem(response, 500, 'Metrics unavailable', error.message),
      );
      return;
    }
    if (request.method === 'GET' && (path === '/healthz' || path === '/health')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'ok', leader: options.isLeader() }));
      return;
    }
    problem(response, 404, 'Not Found', `No route for ${request.method} ${path}`);
  });
}

function problem(
  response: import('node:http').ServerResponse,
  status: number,
  title: string,
  detail: string,
) {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
