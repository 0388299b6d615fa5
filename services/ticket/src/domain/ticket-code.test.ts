import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createTicketCodeSigner,
  type TicketCodeClaims,
  TicketCodeRefused,
  ticketCodePublicKeyOf,
  ticketCodeWindowOf,
  verifyTicketCode,
} from './ticket-code.js';

const newKey = () => generateKeyPairSync('ed25519').privateKey;
const key = newKey();
const signer = createTicketCodeSigner(key);
const claims: TicketCodeClaims = {
  reservationId: randomUUID(),
  ticketNumber: 2,
  holderId: randomUUID(),
  holderGeneration: 3,
};
const at = (iso: string) => new Date(iso);

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TicketCodeRefused) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('ticket codes', () => {
  it('windows are 30 s long and aligned to the epoch, so every instance signs the same window', () => {
    expect(ticketCodeWindowOf(at('2026-12-05T20:00:29.999Z'))).toEqual({
      validFrom: at('2026-12-05T20:00:00Z'),
      validUntil: at('2026-12-05T20:00:30Z'),
    });
    expect(ticketCodeWindowOf(at('2026-12-05T20:00:30Z')).validFrom).toEqual(at('2026-12-05T20:00:30Z'));
  });

  it('round-trips the claims within its window, with only the public key', async () => {
    const now = at('2026-12-05T20:00:10Z');
    const signed = await signer.sign(claims, now);
    expect(signed.validUntil).toEqual(at('2026-12-05T20:00:30Z'));
    expect(decodeProtectedHeader(signed.code)).toEqual({
      alg: 'EdDSA',
      typ: 'urr-ticket+jwt',
      kid: signer.publicKey.kid,
    });
    expect(await verifyTicketCode(signed.code, signer.publicKey, at('2026-12-05T20:00:29Z'))).toEqual(claims);
    expect(signer.publicKey).not.toHaveProperty('d');
  });

  it('changes every window: the next window signs a different code', async () => {
    const first = await signer.sign(claims, at('2026-12-05T20:00:10Z'));
    const next = await signer.sign(claims, at('2026-12-05T20:00:40Z'));
    expect(next.code).not.toBe(first.code);
  });

  it('refuses a code from an earlier window (a screenshot), past the clock tolerance', async () => {
    const { code } = await signer.sign(claims, at('2026-12-05T20:00:10Z'));
    expect(await refusalOf(verifyTicketCode(code, signer.publicKey, at('2026-12-05T20:00:34Z')))).toBe(
      'accepted',
    );
    expect(await refusalOf(verifyTicketCode(code, signer.publicKey, at('2026-12-05T20:00:36Z')))).toBe(
      'expired',
    );
    expect(await refusalOf(verifyTicketCode(code, signer.publicKey, at('2026-12-05T21:00:00Z')))).toBe(
      'expired',
    );
  });

  it('refuses a code for a window that has not begun', async () => {
    const { code } = await signer.sign(claims, at('2026-12-05T20:01:10Z'));
    expect(await refusalOf(verifyTicketCode(code, signer.publicKey, at('2026-12-05T20:00:10Z')))).toBe(
      'not-yet-valid',
    );
  });

  it('refuses a code signed by another key, and one whose claims were edited', async () => {
    const now = at('2026-12-05T20:00:10Z');
    const forged = await createTicketCodeSigner(newKey()).sign(claims, now);
    expect(await refusalOf(verifyTicketCode(forged.code, signer.publicKey, now))).toBe('bad-signature');

    const { code } = await signer.sign(claims, now);
    const [header, payload, signature] = code.split('.');
    const edited = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    edited.gen = 4;
    const tampered = [header, Buffer.from(JSON.stringify(edited)).toString('base64url'), signature].join('.');
    expect(await refusalOf(verifyTicketCode(tampered, signer.publicKey, now))).toBe('bad-signature');
  });

  it('refuses other tokens of the same key, an unsigned one and garbage as malformed', async () => {
    const now = at('2026-12-05T20:00:10Z');
    const otherType = await new SignJWT({ rid: claims.reservationId, tno: 1, gen: 0 })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
      .setSubject(claims.holderId)
      .setNotBefore(now)
      .setExpirationTime('1m')
      .sign(key);
    expect(await refusalOf(verifyTicketCode(otherType, signer.publicKey, now))).toBe('malformed');

    const noTicket = await new SignJWT({ rid: 'not-a-uuid', tno: 0, gen: 0 })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'urr-ticket+jwt' })
      .setSubject(claims.holderId)
      .setNotBefore(now)
      .setExpirationTime('1m')
      .sign(key);
    expect(await refusalOf(verifyTicketCode(noTicket, signer.publicKey, now))).toBe('malformed');

    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'urr-ticket+jwt' })).toString('base64url')}.${Buffer.from(JSON.stringify({ rid: claims.reservationId, tno: 1, gen: 0, sub: 'x', nbf: 0, exp: 9e9 })).toString('base64url')}.`;
    expect(await refusalOf(verifyTicketCode(unsigned, signer.publicKey, now))).toBe('malformed');
    expect(await refusalOf(verifyTicketCode('not a code', signer.publicKey, now))).toBe('malformed');
  });

  it('names the key by its RFC 7638 thumbprint', async () => {
    const { calculateJwkThumbprint } = await import('jose');
    const publicKey = ticketCodePublicKeyOf(key);
    expect(publicKey.kid).toBe(
      await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: publicKey.x }, 'sha256'),
    );
  });
});
