/**
 * Which `/api/*` requests need which pass (docs/architecture.md, the two-tier waiting room). Some routes
 * are also written without `/v1` (`/api/auth/**`, `/api/reservations/*`): an alias with the same rules.
 */
export type Protection = 'exempt' | 'tier1' | 'tier2';

const exemptPrefixes = [
  '/api/v1/events',
  '/api/v1/auth',
  '/api/v1/queue',
  '/api/v1/stats',
  '/vwr',
  '/vwr-api',
];
/** Seat, reservation and payment APIs need the Tier-2 entry token as well. */
const tier2Prefixes = ['/api/v1/seats', '/api/v1/reservations', '/api/v1/payments'];

const underPrefix = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** `/api/x/…` is the alias of `/api/v1/x/…`. */
export function canonical(path: string): string {
  return underPrefix(path, '/api') && !underPrefix(path, '/api/v1')
    ? `/api/v1${path.slice('/api'.length)}`
    : path;
}

/**
 * Resolves `.`/`..` segments (also percent-encoded ones) and repeated slashes the way the origin will, so a
 * path like `/api/v1/events/../seats/reserve` is judged by where it really goes.
 */
export function normalizePath(uri: string): string {
  return new URL(uri.replace(/\/{2,}/g, '/'), 'https://edge.invalid').pathname;
}

const queueEntry = /^\/api\/v1\/queue\/([^/]+)\/enter$/;

/** The sale whose Tier-2 queue the request enters: the path names it, so no header can hide it. */
export function queueEntryEventOf(normalizedPath: string): string | undefined {
  return queueEntry.exec(canonical(normalizedPath))?.[1];
}

export function protectionOf(normalizedPath: string): Protection {
  const path = canonical(normalizedPath);
  if (queueEntry.test(path)) return 'tier1';
  if (exemptPrefixes.some((prefix) => underPrefix(path, prefix))) return 'exempt';
  if (tier2Prefixes.some((prefix) => underPrefix(path, prefix))) return 'tier2';
  return 'tier1';
}
