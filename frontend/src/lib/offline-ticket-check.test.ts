import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTicketCodeOffline, type TicketCodeKey } from './offline-ticket-check';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  return { privateKey, key: { kty: 'OKP', crv: 'Ed25519', x: x!, kid } as TicketCodeKey };
}

/** A code as ticket-service signs one (services/ticket/src/domain/ticket-code.ts). */
function codeOf(privateKey: KeyObject, kid: string, claims: Record<string, unknown>, typ = 'urr-ticket+jwt') {
  const signingInput = `${b64({ alg: 'EdDSA', typ, kid })}.${b64(claims)}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), privateKey).toString('base64url')}`;
}

const door = keyPair('door-key');
const windowStart = Date.parse('2026-12-05T20:00:00Z') / 1000;
const claims = { rid: 'r-1', tno: 2, sub: 'u-1', gen: 0, nbf: windowStart, exp: windowStart + 30 };
const at = (seconds: number) => (windowStart + seconds) * 1000;

describe('a door code checked offline with the public key', () => {
  it('accepts a code in its window (give or take 5 s) and names the ticket', async () => {
    const code = codeOf(door.privateKey, 'door-key', claims);
    expect(await checkTicketCodeOffline(code, [door.key], at(10))).toEqual({
      valid: true,
      reservationId: 'r-1',
      ticketNumber: 2,
    });
    expect((await checkTicketCodeOffline(code, [door.key], at(34))).valid).toBe(true);
    expect(await checkTicketCodeOffline(code, [door.key], at(36))).toEqual({
      valid: false,
      reason: 'expired',
    });
    expect(await checkTicketCodeOffline(code, [door.key], at(-6))).toEqual({
      valid: false,
      reason: 'not-yet-valid',
    });
  });

  it('refuses a code of another key, edited claims, another token type and garbage', async () => {
    const forger = keyPair('door-key');
    const forged = codeOf(forger.privateKey, 'door-key', claims);
    expect(await checkTicketCodeOffline(forged, [door.key], at(10))).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    const [header, , signature] = codeOf(door.privateKey, 'door-key', claims).split('.');
    const edited = `${header}.${b64({ ...claims, tno: 3 })}.${signature}`;
    expect(await checkTicketCodeOffline(edited, [door.key], at(10))).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    const accessToken = codeOf(door.privateKey, 'door-key', claims, 'at+jwt');
    expect((await checkTicketCodeOffline(accessToken, [door.key], at(10))).valid).toBe(false);
    expect(await checkTicketCodeOffline('not.a.code', [door.key], at(10))).toEqual({
      valid: false,
      reason: 'malformed',
    });
    const unknownKey = codeOf(door.privateKey, 'other-kid', claims);
    expect((await checkTicketCodeOffline(unknownKey, [door.key], at(10))).valid).toBe(false);
  });
});
