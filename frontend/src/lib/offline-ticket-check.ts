/**
 * A door code checked with nothing but the published public key (GET /api/v1/tickets/.well-known/jwks.json),
 * for a door whose connection dropped: signature, type and 30-second window, as ticket-service checks them.
 * Whether the ticket was already used, or transferred since, only the service knows (docs/adr/0039).
 */

export interface TicketCodeKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
}

export type OfflineCheck =
  | { readonly valid: true; readonly reservationId: string; readonly ticketNumber: number }
  | { readonly valid: false; readonly reason: 'expired' | 'not-yet-valid' | 'bad-signature' | 'malformed' };

/** As the service allows: a door's clock may be this far off. */
const clockToleranceSeconds = 5;

const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
};

const jsonOf = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(text)));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

export async function checkTicketCodeOffline(
  code: string,
  keys: readonly TicketCodeKey[],
  now: number,
): Promise<OfflineCheck> {
  const parts = code.split('.');
  const [headerText = '', payloadText = '', signatureText = ''] = parts;
  const header = jsonOf(headerText);
  const payload = jsonOf(payloadText);
  if (parts.length !== 3 || !header || !payload) return { valid: false, reason: 'malformed' };
  if (header.alg !== 'EdDSA' || header.typ !== 'urr-ticket+jwt') return { valid: false, reason: 'malformed' };
  const key = keys.find((candidate) => candidate.kid === header.kid);
  if (!key) return { valid: false, reason: 'bad-signature' };
  let signed: boolean;
  try {
    const publicKey = await crypto.subtle.importKey(
      'jwk',
      { kty: key.kty, crv: key.crv, x: key.x },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    signed = await crypto.subtle.verify(
      { name: 'Ed25519' },
      publicKey,
      fromBase64Url(signatureText),
      new TextEncoder().encode(`${headerText}.${payloadText}`),
    );
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (!signed) return { valid: false, reason: 'bad-signature' };
  const { nbf, exp, rid, tno } = payload;
  if (
    typeof nbf !== 'number' ||
    typeof exp !== 'number' ||
    typeof rid !== 'string' ||
    typeof tno !== 'number'
  )
    return { valid: false, reason: 'malformed' };
  const seconds = now / 1000;
  if (seconds >= exp + clockToleranceSeconds) return { valid: false, reason: 'expired' };
  if (seconds < nbf - clockToleranceSeconds) return { valid: false, reason: 'not-yet-valid' };
  return { valid: true, reservationId: rid, ticketNumber: tno };
}
