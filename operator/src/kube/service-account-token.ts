import { readFileSync } from 'node:fs';

/** A projected token is replaced well before it expires; reading it this often picks up the new one. */
const rereadAfterMs = 60_000;
/** Read it again this long before the `exp` it carries, whatever the time since the last read. */
const expirySlackMs = 10_000;

/** The `exp` of a JWT in ms, or undefined for a token that is not a JWT or carries none. */
export function expiryOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A token file, read when first asked for and again once the token is near its expiry or a minute old
 * (a pod's service account token rotates in place, as client-go expects).
 */
export function serviceAccountToken(
  path: string,
  options: { readFile?: (path: string) => Buffer; now?: () => number } = {},
): () => string {
  const readFile = options.readFile ?? ((file: string) => readFileSync(file));
  const now = options.now ?? Date.now;
  let cached: { token: string; rereadAtMs: number } | undefined;
  return () => {
    if (!cached || now() >= cached.rereadAtMs) {
      const token = readFile(path).toString('utf8').trim();
      const expiresAt = expiryOf(token);
      const rereadAtMs = Math.min(
        now() + rereadAfterMs,
        expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - expirySlackMs,
      );
      cached = { token, rereadAtMs };
    }
    return cached.token;
  };
}
