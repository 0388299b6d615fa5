/** The architecture's rate-limit categories and their budgets per minute per client. */
export const rateLimitCategories = {
  AUTH: 60,
  QUEUE: 120,
  BOOKING: 30,
  GENERAL: 3000,
} as const;
export type RateLimitCategory = keyof typeof rateLimitCategories;

export const rateLimitWindowSeconds = 60;

const bookingPaths = [
  /^\/api\/v1\/seats\/reserve$/,
  /^\/api\/v1\/reservations$/,
  /^\/api\/v1\/reservations\/[^/]+\/cancel$/,
];

/** The category of a canonical path (aliases share their `/api/v1/` form's category). */
export function rateLimitCategoryOf(canonical: string): RateLimitCategory {
  if (canonical === '/api/v1/auth' || canonical.startsWith('/api/v1/auth/')) return 'AUTH';
  if (canonical === '/api/v1/queue' || canonical.startsWith('/api/v1/queue/')) return 'QUEUE';
  if (bookingPaths.some((pattern) => pattern.test(canonical))) return 'BOOKING';
  return 'GENERAL';
}

/** `rate:{category}:{clientId}`, the architecture's key. */
export function rateLimitKey(category: RateLimitCategory, clientId: string): string {
  return `rate:${category}:${clientId}`;
}
