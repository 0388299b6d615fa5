/**
 * The public API's route templates, as the `route` label of the gateway's request metrics: a proxied
 * request is counted under the template it matches (`/api/v1/payments/:id/confirm`), never under its raw
 * path, so the series count stays bounded whatever paths clients send. Kept equal to the paths of the
 * committed public OpenAPI document (docs/openapi/public-api.json) by public-routes.test.ts.
 */
export const publicRouteTemplates = [
  '/api/v1/admin/artists',
  '/api/v1/admin/artists/:id',
  '/api/v1/admin/community/:collection/:id',
  '/api/v1/admin/community/:collection/:id/hide',
  '/api/v1/admin/community/:collection/:id/unhide',
  '/api/v1/admin/community/comments',
  '/api/v1/admin/community/moderation-actions',
  '/api/v1/admin/community/posts',
  '/api/v1/admin/community/reviews',
  '/api/v1/admin/events',
  '/api/v1/admin/events/:id',
  '/api/v1/admin/events/:id/grades/:gradeId',
  '/api/v1/admin/events/:id/seat-map',
  '/api/v1/admin/memberships',
  '/api/v1/admin/performances',
  '/api/v1/admin/performances/:id',
  '/api/v1/admin/stats/events',
  '/api/v1/admin/stats/events/:eventId',
  '/api/v1/admin/stats/events/:eventId/report',
  '/api/v1/admin/stats/events/:eventId/report.csv',
  '/api/v1/admin/stats/memberships',
  '/api/v1/admin/stats/overview',
  '/api/v1/admin/stats/popular-events',
  '/api/v1/admin/ticket-types',
  '/api/v1/admin/ticket-types/:id',
  '/api/v1/admin/venues',
  '/api/v1/admin/venues/:id',
  '/api/v1/artists',
  '/api/v1/artists/:id',
  '/api/v1/auth/.well-known/jwks.json',
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-everywhere',
  '/api/v1/auth/me',
  '/api/v1/auth/oidc/callback',
  '/api/v1/auth/oidc/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/register',
  '/api/v1/community/comments/:commentId',
  '/api/v1/community/events/:eventId/posts',
  '/api/v1/community/events/:eventId/reviews',
  '/api/v1/community/posts/:postId',
  '/api/v1/community/posts/:postId/comments',
  '/api/v1/community/reviews/:reviewId',
  '/api/v1/events',
  '/api/v1/events/:id',
  '/api/v1/events/:id/performances',
  '/api/v1/events/:id/seats',
  '/api/v1/events/:id/ticket-types',
  '/api/v1/events/:id/waiting-list',
  '/api/v1/memberships',
  '/api/v1/memberships/events/:eventId/schedule',
  '/api/v1/payments/:id',
  '/api/v1/payments/:id/confirm',
  '/api/v1/payments/:id/refunds',
  '/api/v1/queue/:eventId/enter',
  '/api/v1/queue/:eventId/heartbeat',
  '/api/v1/queue/:eventId/leave',
  '/api/v1/queue/:eventId/status',
  '/api/v1/queue/admin/accounts/:userId/pass-revocations',
  '/api/v1/reservations',
  '/api/v1/reservations/:id',
  '/api/v1/reservations/:id/cancel',
  '/api/v1/reservations/:id/payment-intent',
  '/api/v1/seats/reserve',
  '/api/v1/stats/popular-events',
  '/api/v1/tickets/.well-known/jwks.json',
  '/api/v1/tickets/:reservationId',
  '/api/v1/tickets/check-ins',
  '/api/v1/transfers',
  '/api/v1/transfers/:id/accept',
  '/api/v1/transfers/:id/cancel',
  '/api/v1/waiting-list',
] as const;

/** Routes the gateway answers itself under `/api/`. */
export const gatewayRouteTemplates = ['/api/v1/openapi.json'] as const;

interface Template {
  readonly text: string;
  /** A segment's literal text, or undefined where the template has a parameter. */
  readonly segments: readonly (string | undefined)[];
  readonly literals: number;
}

function parse(text: string): Template {
  const segments = text
    .split('/')
    .slice(1)
    .map((segment) => (segment.startsWith(':') ? undefined : segment));
  return { text, segments, literals: segments.filter((segment) => segment !== undefined).length };
}

/** Templates by segment count, the most literal first, so `/a/b` wins over `/a/:id`. */
const templatesByLength = new Map<number, Template[]>();
for (const template of [...publicRouteTemplates, ...gatewayRouteTemplates].map(parse)) {
  const sameLength = templatesByLength.get(template.segments.length) ?? [];
  sameLength.push(template);
  sameLength.sort((a, b) => b.literals - a.literals);
  templatesByLength.set(template.segments.length, sameLength);
}

/** `/api/v1/payments/p1/confirm` → `/api/v1/payments/:id/confirm`; undefined when no public route matches. */
export function routeTemplateOf(canonical: string): string | undefined {
  const segments = canonical.split('/').slice(1);
  const candidates = templatesByLength.get(segments.length);
  return candidates?.find((template) =>
    template.segments.every((literal, index) =>
      literal === undefined ? segments[index] !== '' : literal === segments[index],
    ),
  )?.text;
}
