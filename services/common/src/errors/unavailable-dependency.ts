/** Socket errors: the server is down, restarting, or unreachable. */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** PostgreSQL's SQLSTATEs for a server shutting down, starting up, or a lost connection. */
const postgresUnavailableStates = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** Errors ioredis and node-postgres raise while their server is away (they carry no code). */
const unavailableMessages = [
  /^Connection is closed\.?$/,
  /^Command timed out$/,
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
];

function isUnavailable(error: Error & { code?: unknown }): boolean {
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (
    typeof error.code === 'string' &&
    (socketCodes.has(error.code) || postgresUnavailableStates.has(error.code))
  )
    return true;
  return unavailableMessages.some((pattern) => pattern.test(error.message));
}

/**
 * Whether `error` (or an error it wraps, as drizzle wraps the driver's) says a server the service depends
 * on (Redis, PostgreSQL) is away, rather than that the code is wrong: the request may succeed when retried.
 */
export function isUnavailableDependency(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (isUnavailable(current)) return true;
    current = current.cause;
  }
  return false;
}
