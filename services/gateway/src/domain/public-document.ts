import { signedInSecuritySchemes } from '@urr/common/http/openapi';
import { type ServiceName, serviceFor } from './route-table.js';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON
type Json = any;

export interface ServiceDocument {
  readonly service: ServiceName;
  /** The service's own OpenAPI 3.1 document (its `/openapi.json`), generated from its zod schemas. */
  readonly document: Json;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const rateLimitHeaders = {
  'RateLimit-Limit': {
    description: 'Requests allowed per minute in this route’s category',
    schema: { type: 'integer' },
  },
  'RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: 'The policy, e.g. `60;w=60`', schema: { type: 'string' } },
};

const gatewayComponents = {
  headers: rateLimitHeaders,
  responses: {
    TooManyRequests: {
      description:
        'Over the rate limit of the route’s category (AUTH 60, QUEUE 120, BOOKING 30, GENERAL 3000 per minute per client)',
      headers: {
        'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
        ...Object.fromEntries(
          Object.keys(rateLimitHeaders).map((name) => [name, { $ref: `#/components/headers/${name}` }]),
        ),
      },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    },
    ServiceUnavailable: {
      description: 'The service behind this route is down or did not answer in time (503/504)',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    },
  },
  securitySchemes: signedInSecuritySchemes,
};

/** Is `path` (an OpenAPI template such as `/api/v1/events/{id}/seats`) routed by the gateway to `service`? */
function routedTo(path: string, service: ServiceName): boolean {
  return serviceFor(path.replaceAll(/\{[^}]+\}/g, 'x')) === service;
}

/** `document` with its schema `name` called `renamed`, references included. */
function renameSchema(document: Json, name: string, renamed: string): Json {
  const text = JSON.stringify(document).replaceAll(
    `"#/components/schemas/${name}"`,
    `"#/components/schemas/${renamed}"`,
  );
  const parsed = JSON.parse(text);
  parsed.components.schemas[renamed] = parsed.components.schemas[name];
  delete parsed.components.schemas[name];
  return parsed;
}

/**
 * Gives a service's schema a service-prefixed name when another service already uses its name differently;
 * a schema that differs only by referring to a renamed one is renamed in turn (until none clashes).
 */
function renameConflicts(document: Json, taken: Record<string, Json>, service: ServiceName): Json {
  const prefix = `${service[0]!.toUpperCase()}${service.slice(1)}`;
  let current = document;
  for (;;) {
    const clash = Object.entries<Json>(current.components?.schemas ?? {}).find(
      ([name, schema]) => name in taken && JSON.stringify(taken[name]) !== JSON.stringify(schema),
    );
    if (!clash) return current;
    current = renameSchema(current, clash[0], `${prefix}${clash[0]}`);
  }
}

/**
 * The public API as clients see it through the gateway: each service's routes that the gateway routes to
 * it (never `/internal`, health or metrics), with the gateway's own answers (429, 503) and security schemes.
 */
export function publicDocument(
  documents: readonly ServiceDocument[],
  missing: readonly ServiceName[] = [],
): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = {};
  for (const { service, document: original } of documents) {
    const document = renameConflicts(original, schemas, service);
    Object.assign(schemas, document.components?.schemas ?? {});
    for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
      if (!routedTo(path, service)) continue;
      const operations: Json = { ...item };
      for (const method of methods) {
        if (!operations[method]) continue;
        operations[method] = {
          ...operations[method],
          tags: [service],
          responses: {
            ...operations[method].responses,
            429: { $ref: '#/components/responses/TooManyRequests' },
            503: { $ref: '#/components/responses/ServiceUnavailable' },
          },
        };
      }
      paths[path] = operations;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'URR public API',
      version: '1.0.0',
      description:
        'Every route as served by gateway-service. `/api/auth/**`, `/api/queue/**` and `/api/reservations/**` ' +
        'are aliases of their `/api/v1/` form. Booking writes (holding seats, reserving, confirming a payment) ' +
        'need the queue entry token (`urr-entry-token` cookie or `x-queue-entry-token` header) of a Tier-2 slot ' +
        'the user still holds.',
    },
    servers: [{ url: '/' }],
    tags: documents.map(({ service }) => ({ name: service, description: `Served by ${service}-service` })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { ...gatewayComponents, schemas },
    ...(missing.length > 0 ? { 'x-unavailable-services': missing } : {}),
  };
}
