import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from '@urr/common';
import { errors, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/**
 * A ticket's door code: a JWT signed with Ed25519 that names one ticket of a reservation, its holder and
 * the holder's generation (bumped by every transfer), valid for one 30-second window. Anyone with the
 * public key verifies it offline; whether it was already used is the check-in's question (docs/adr/0039).
 */

export const ticketCodeAlgorithm = 'EdDSA';
export const ticketCodeType = 'urr-ticket+jwt';
/** A code lives for one window; the holder's app fetches the next one as the window turns. */
export const ticketCodeWindowSeconds = 30;
/** How far a door's clock may be off the service's. */
export const ticketCodeClockToleranceSeconds = 5;

export interface TicketCodeClaims {
  readonly reservationId: string;
  /** 1…the reservation's ticket count. */
  readonly ticketNumber: number;
  readonly holderId: string;
  readonly holderGeneration: number;
}

export interface SignedTicketCode {
  readonly code: string;
  readonly validFrom: Date;
  readonly validUntil: Date;
}

/** The verifying key as a JWK (RFC 8037 OKP), named by its RFC 7638 thumbprint. */
export interface TicketCodePublicKey extends JWK {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly alg: typeof ticketCodeAlgorithm;
  readonly use: 'sig';
}

export interface TicketCodeSigner {
  readonly sign: (claims: TicketCodeClaims, now: Date) => Promise<SignedTicketCode>;
  readonly publicKey: TicketCodePublicKey;
}

/** Why a code does not admit, before anyone looks at the ticket itself. */
export type TicketCodeRefusal = 'expired' | 'not-yet-valid' | 'bad-signature' | 'malformed';

export class TicketCodeRefused extends Error {
  override readonly name = 'TicketCodeRefused';
  constructor(readonly reason: TicketCodeRefusal) {
    super(`ticket code refused: ${reason}`);
  }
}

/** The window `now` falls in. */
export function ticketCodeWindowOf(now: Date): { validFrom: Date; validUntil: Date } {
  const windowMs = ticketCodeWindowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { validFrom: new Date(start), validUntil: new Date(start + windowMs) };
}

export function ticketCodePublicKeyOf(privateKey: KeyObject): TicketCodePublicKey {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (!x) throw new Error('not an Ed25519 key');
  // RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
  const kid = createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: ticketCodeAlgorithm, use: 'sig' };
}

export function createTicketCodeSigner(privateKey: KeyObject): TicketCodeSigner {
  const publicKey = ticketCodePublicKeyOf(privateKey);
  return {
    publicKey,
    sign: async (claims, now) => {
      const { validFrom, validUntil } = ticketCodeWindowOf(now);
      const code = await new SignJWT({
        rid: claims.reservationId,
        tno: claims.ticketNumber,
        gen: claims.holderGeneration,
      })
        .setProtectedHeader({ alg: ticketCodeAlgorithm, typ: ticketCodeType, kid: publicKey.kid })
        .setSubject(claims.holderId)
        .setNotBefore(validFrom.getTime() / 1000)
        .setExpirationTime(validUntil.getTime() / 1000)
        .sign(privateKey);
      return { code, validFrom, validUntil };
    },
  };
}

const claimsSchema = z.object({
  rid: z.uuid(),
  tno: z.number().int().min(1),
  sub: z.string().min(1).max(128),
  gen: z.number().int().min(0),
});

function refusalOf(error: unknown): TicketCodeRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'not-yet-valid';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  return 'malformed';
}

/** The claims of a code the key signed for the window `now` is in; {@link TicketCodeRefused} otherwise. */
export async function verifyTicketCode(
  code: string,
  publicKey: TicketCodePublicKey,
  now: Date,
): Promise<TicketCodeClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(code, await importJWK(publicKey, ticketCodeAlgorithm), {
      algorithms: [ticketCodeAlgorithm],
      typ: ticketCodeType,
      requiredClaims: ['nbf', 'exp'],
      currentDate: now,
      clockTolerance: ticketCodeClockToleranceSeconds,
    }));
  } catch (error) {
    throw new TicketCodeRefused(refusalOf(error));
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new TicketCodeRefused('malformed');
  return {
    reservationId: claims.data.rid,
    ticketNumber: claims.data.tno,
    holderId: claims.data.sub,
    holderGeneration: claims.data.gen,
  };
}
