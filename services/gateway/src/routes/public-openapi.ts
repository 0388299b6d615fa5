import type { Handler } from 'hono';
import { publicDocument, type ServiceDocument } from '../domain/public-document.js';
import { type ServiceName, serviceNames } from '../domain/route-table.js';
import type { GatewayEnv } from './gateway-env.js';

const cacheMs = 60_000;

/**
 * `GET /api/v1/openapi.json`: the public API assembled from each service's `/openapi.json`. Services that
 * do not answer are listed in `x-unavailable-services`; the result is cached for a minute.
 */
export function publicOpenApiRoute(options: {
  readonly upstreams: Readonly<Record<ServiceName, string>>;
  readonly timeoutMs: number;
}): Handler<GatewayEnv> {
  let cached: { readonly at: number; readonly document: unknown; readonly complete: boolean } | undefined;

  async function assemble() {
    const answers = await Promise.all(
      serviceNames.map(async (service): Promise<ServiceDocument | ServiceName> => {
        try {
          const response = await fetch(new URL('/openapi.json', options.upstreams[service]), {
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          if (!response.ok) return service;
          return { service, document: await response.json() };
        } catch {
          return service;
        }
      }),
    );
    const documents = answers.filter((answer): answer is ServiceDocument => typeof answer !== 'string');
    const missing = answers.filter((answer): answer is ServiceName => typeof answer === 'string');
    return { at: Date.now(), document: publicDocument(documents, missing), complete: missing.length === 0 };
  }

  return async (c) => {
    // An incomplete document is not kept long: a service that was starting up shows up on the next call.
    if (!cached || Date.now() - cached.at > (cached.complete ? cacheMs : 5000)) cached = await assemble();
    c.header('cache-control', 'public, max-age=60');
    return c.json(cached.document);
  };
}
