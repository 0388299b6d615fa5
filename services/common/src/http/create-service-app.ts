import { STATUS_CODES } from 'node:http';
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Registry } from 'prom-client';
import { HttpProblem, problemResponse } from '../errors/http-problem.js';
import { isUnavailableDependency } from '../errors/unavailable-dependency.js';
import type { Logger } from '../logging/logger.js';
import { accessLog } from './access-log.js';
import { createHttpMetrics } from './http-metrics.js';
import { problemSchema, validationHook } from './openapi.js';
import { requestId } from './request-id.js';
import { traceRequests } from './trace-requests.js';
import { withValidationAnswers } from './validation-answers.js';

/** A dependency `/ready` checks (a DB ping, a Redis ping); it throws or rejects when the dependency is down. */
export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<unknown>;
}

export interface ServiceVariables {
  requestId: string;
  /** The service logger bound to this request's id (and, in a span, its trace id). */
  logger: Logger;
  routeUnmatched?: boolean;
  /** The `route` label of this request's metrics when the matched pattern is not it (a proxy's catch-all). */
  metricsRoute?: string;
}

/** A service's hono Env: `ServiceEnv<{ user: AuthUser }>` adds its own typed context variables. */
export interface ServiceEnv<Variables extends object = object> {
  Variables: ServiceVariables & Variables;
}

export interface ServiceRuntime {
  readonly name: string;
  /** The app's own Prometheus registry; register service metrics here (`registers: [app.service.registry]`). */
  readonly registry: Registry;
  readonly isShuttingDown: () => boolean;
  /** Makes `/ready` answer 503 so the load balancer stops sending new requests. */
  readonly beginShutdown: () => void;
}

export type ServiceApp<Variables extends object = object> = OpenAPIHono<ServiceEnv<Variables>> & {
  readonly service: ServiceRuntime;
};

export interface ServiceAppOptions {
  /** Service name, e.g. `ticket-service`: the `service` label on metrics and the title of the OpenAPI document. */
  readonly name: string;
  readonly logger: Logger;
  readonly readiness?: readonly ReadinessCheck[];
  /** @default 2000 */
  readonly readinessTimeoutMs?: number;
  /** Process metrics (CPU, memory, event loop lag) besides request metrics. @default true */
  readonly defaultMetrics?: boolean;
  /** The OpenAPI document's info. @default { title: name, version: '1.0.0' } */
  readonly openapi?: { readonly title?: string; readonly version?: string; readonly description?: string };
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The hono app every service starts from: tracing, request id, access log and request metrics on every
 * route; `/health`, `/ready`, `/metrics`, `/openapi.json`; problem JSON for errors and unknown routes.
 * Does no I/O: readiness checks run only when `/ready` is called.
 */
export function createServiceApp<Variables extends object = object>(
  options: ServiceAppOptions,
): ServiceApp<Variables> {
  const { name, logger } = options;
  const readiness = options.readiness ?? [];
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2000;
  const metrics = createHttpMetrics({
    service: name,
    ...(options.defaultMetrics === undefined ? {} : { defaultMetrics: options.defaultMetrics }),
  });
  let shuttingDown = false;

  const app = new OpenAPIHono<ServiceEnv>({ defaultHook: validationHook });
  app.use(traceRequests());
  app.use(requestId());
  app.use(accessLog(logger));
  app.use(metrics.middleware);

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.get('/ready', async (c) => {
    if (shuttingDown)
      throw new HttpProblem(503, { title: 'Service Unavailable', detail: `${name} is shutting down` });
    const failures = await Promise.all(readiness.map((check) => runCheck(check, readinessTimeoutMs)));
    const checks = Object.fromEntries(readiness.map((check, index) => [check.name, failures[index] ?? 'up']));
    const failed = readiness.filter((_, index) => failures[index] !== undefined).map((check) => check.name);
    if (failed.length > 0)
      throw new HttpProblem(503, {
        title: 'Service Unavailable',
        detail: `not ready: ${failed.join(', ')} failed`,
        checks,
      });
    return c.json({ status: 'ready', checks });
  });

  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  app.openAPIRegistry.register('Problem', problemSchema);
  app.get('/openapi.json', (c) =>
    c.json(
      withValidationAnswers(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: options.openapi?.title ?? name,
            version: options.openapi?.version ?? '1.0.0',
            ...(options.openapi?.description ? { description: options.openapi.description } : {}),
          },
        }),
      ),
    ),
  );

  app.notFound((c) => {
    c.set('routeUnmatched', true);
    return problemResponse(
      c,
      new HttpProblem(404, { title: 'Not Found', detail: `no route for ${c.req.method} ${c.req.path}` }),
    );
  });

  app.onError((error, c) => {
    if (error instanceof HttpProblem) {
      if (error.status >= 500)
        c.get('logger')?.warn({ problem: error.toJSON() }, 'answered with a server problem');
      return problemResponse(c, error);
    }
    if (error instanceof HTTPException) {
      // Raised by hono itself, e.g. a body that is not JSON or over the size limit.
      const status = error.status as ContentfulStatusCode;
      return problemResponse(c, new HttpProblem(status, { title: titleOf(status), detail: error.message }));
    }
    if (isUnavailableDependency(error)) {
      (c.get('logger') ?? logger).warn({ err: error }, 'a server this service depends on is away');
      return problemResponse(
        c,
        new HttpProblem(
          503,
          { title: titleOf(503), detail: 'a server this service needs is unavailable; try again shortly' },
          { 'retry-after': '5' },
        ),
      );
    }
    (c.get('logger') ?? logger).error({ err: error }, 'unhandled error');
    return problemResponse(c, new HttpProblem(500, { title: titleOf(500) }));
  });

  const service: ServiceRuntime = {
    name,
    registry: metrics.registry,
    isShuttingDown: () => shuttingDown,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
  // The service's own variables are set by its middleware; the base app never reads them.
  return Object.assign(app, { service }) as unknown as ServiceApp<Variables>;
}
