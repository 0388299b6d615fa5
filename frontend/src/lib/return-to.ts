/** A path on this site to go back to after signing in; anything else (another origin, an API path) is refused. */
export function safeReturnTo(value: string | string[] | undefined | null, fallback = '/'): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path?.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  if (/^\/(api|vwr-api)(\/|$)/.test(path)) return fallback;
  return path;
}
