import { createHmac } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal bodies give equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two requests "the same" for an idempotency key: method, path and the facts of the body that
 * tell requests apart. Callers pass only facts that may be stored (a card's brand, last four digits and
 * expiry, never its number or CVC).
 */
export interface FingerprintedRequest {
  readonly method: string;
  readonly path: string;
  readonly facts: unknown;
}

export type RequestFingerprint = (request: FingerprintedRequest) => string;

/**
 * Fingerprints are HMAC-SHA256 under a secret of the service (`IDEMPOTENCY_FINGERPRINT_SECRET`): what is
 * stored with a key cannot be matched against guesses by whoever reads the table.
 */
export function createRequestFingerprint(secret: string): RequestFingerprint {
  return (request) =>
    createHmac('sha256', secret)
      .update(`${request.method.toUpperCase()} ${request.path}\n${canonicalJson(request.facts)}`)
      .digest('hex');
}
