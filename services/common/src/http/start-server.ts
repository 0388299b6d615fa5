import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from '../logging/logger.js';
import type { ServiceApp } from './create-service-app.js';
import { keepAliveTimeoutMs } from './keep-alive.js';

export interface StartServerOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any service's variables
  readonly app: ServiceApp<any>;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** @default '127.0.0.1' (a container sets HOST=0.0.0.0) */
  readonly hostname?: string;
  readonly logger: Logger;
  /** Closes the service's clients (DB pools, Redis, Kafka, tracing) after the last request finished. */
  readonly onShutdown?: () => Promise<void>;
  /** Time `/ready` answers 503 before the listener closes, so load balancers stop routing here first. @default 0 */
  readonly drainDelayMs?: number;
  /** In-flight requests still open after this are cut. @default 25000 (inside Kubernetes' 30 s grace) */
  readonly shutdownTimeoutMs?: number;
  /** Shut down on SIGTERM and SIGINT, then exit. Tests pass false and call `shutdown()`. @default true */
  readonly handleSignals?: boolean;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Idempotent: stop accepting, mark not ready, let in-flight requests finish, then `onShutdown`. */
  readonly shutdown: () => Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { app, logger } = options;
  const hostname = options.hostname ?? '127.0.0.1';
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 25_000;

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname }, () => resolve(started));
    started.once('error', reject);
  });
  // Idle keep-alive connections outlive their callers' idle timeouts (the gateway's pool, an ALB's 60 s), so
  // the caller closes first and never sends a request on a socket this side is closing ("socket hang up").
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = keepAliveTimeoutMs;
    server.headersTimeout = keepAliveTimeoutMs + 1000;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  logger.info({ port, hostname }, `${app.service.name} listening on ${url}`);

  let shutdownPromise: Promise<void> | undefined;
  // A keep-alive socket turns idle when its last response is sent; during shutdown close it right then
  // instead of waiting for the keep-alive timeout.
  server.on('request', (_request, response: ServerResponse) => {
    response.once('finish', () => {
      if (shutdownPromise && 'closeIdleConnections' in server)
        setImmediate(() => server.closeIdleConnections());
    });
  });
  const shutdown = () => {
    shutdownPromise ??= (async () => {
      logger.info('shutting down: not ready, finishing in-flight requests');
      app.service.beginShutdown();
      if (options.drainDelayMs) await new Promise((resolve) => setTimeout(resolve, options.drainDelayMs));
      await new Promise<void>((resolve) => {
        const cutOff = setTimeout(() => {
          logger.warn({ shutdownTimeoutMs }, 'in-flight requests still open; closing their connections');
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, shutdownTimeoutMs);
        server.close(() => {
          clearTimeout(cutOff);
          resolve();
        });
        // Idle keep-alive sockets would otherwise hold close() open until they time out.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await options.onShutdown?.();
      logger.info('shut down');
    })();
    return shutdownPromise;
  };

  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'received signal');
      shutdown().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  return { port, url, shutdown };
}
