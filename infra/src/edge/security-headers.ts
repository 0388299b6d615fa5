/**
 * The security headers of every answer the site gives, set by CloudFront's response headers policy (and,
 * to behave the same, by the local edge). Next.js and the static waiting page inline their bootstrap
 * scripts and styles, hence 'unsafe-inline' for those two; everything else comes from the site itself.
 */
export const securityHeaderPolicy = {
  /** Two years, subdomains included, eligible for the browsers' preload lists. */
  hstsMaxAgeSeconds: 63_072_000,
  contentSecurityPolicy: [
    "default-src 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
  ].join('; '),
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

/** The same policy as the header lines a server writes. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'strict-transport-security': `max-age=${securityHeaderPolicy.hstsMaxAgeSeconds}; includeSubDomains; preload`,
  'content-security-policy': securityHeaderPolicy.contentSecurityPolicy,
  'x-frame-options': securityHeaderPolicy.frameOptions,
  'referrer-policy': securityHeaderPolicy.referrerPolicy,
  'x-content-type-options': 'nosniff',
};
