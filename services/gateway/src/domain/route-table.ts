/**
 * Which service serves a public path: the gateway's route table. Paths are matched in their canonical
 * `/api/v1/` form; the architecture's short forms are aliases rewritten to it first.
 */
export const serviceNames = ['auth', 'ticket', 'payment', 'stats', 'queue', 'community', 'catalog'] as const;
export type ServiceName = (typeof serviceNames)[number];

/** The short forms the architecture uses, served as aliases of their `/api/v1/` form. */
const aliases = ['/api/auth', '/api/queue', '/api/reservations'] as const;

/** `/api/auth/login` → `/api/v1/auth/login`; canonical paths come back unchanged. */
export function canonicalPath(path: string): string {
  for (const alias of aliases)
    if (path === alias || path.startsWith(`${alias}/`)) return `/api/v1${path.slice('/api'.length)}`;
  return path;
}

interface Route {
  readonly pattern: RegExp;
  readonly service: ServiceName;
}

const segment = '[^/]+';
/** `prefix` itself or anything below it: any character, a line break in an id too (`s`). */
const under = (prefix: string) => new RegExp(`^${prefix}(?:/.*)?$`, 's');

/** First match wins: the specific ticket routes under /events come before catalog's /events. */
const routes: readonly Route[] = [
  { pattern: under('/api/v1/auth'), service: 'auth' },
  { pattern: under('/api/v1/queue'), service: 'queue' },
  { pattern: under('/api/v1/admin/stats'), service: 'stats' },
  { pattern: under('/api/v1/stats'), service: 'stats' },
  { pattern: under('/api/v1/payments'), service: 'payment' },
  { pattern: under('/api/v1/admin/community'), service: 'community' },
  { pattern: under('/api/v1/community'), service: 'community' },
  {
    pattern: new RegExp(
      `^/api/v1/events/${segment}/(?:seats|ticket-types|performances|waiting-list)(?:/.*)?$`,
      's',
    ),
    service: 'ticket',
  },
  { pattern: under('/api/v1/seats'), service: 'ticket' },
  { pattern: under('/api/v1/reservations'), service: 'ticket' },
  { pattern: under('/api/v1/transfers'), service: 'ticket' },
  { pattern: under('/api/v1/memberships'), service: 'ticket' },
  { pattern: under('/api/v1/waiting-list'), service: 'ticket' },
  { pattern: under('/api/v1/tickets'), service: 'ticket' },
  {
    pattern: under('/api/v1/admin/(?:events|venues|artists|performances|seats|ticket-types|memberships)'),
    service: 'ticket',
  },
  { pattern: under('/api/v1/events'), service: 'catalog' },
  { pattern: under('/api/v1/artists'), service: 'catalog' },
];

/** The service for a canonical path, or undefined when no public route matches. */
export function serviceFor(canonical: string): ServiceName | undefined {
  return routes.find((route) => route.pattern.test(canonical))?.service;
}
