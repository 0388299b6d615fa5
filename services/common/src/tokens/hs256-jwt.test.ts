import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hs256JwtHeaderOf, hs256Key, signHs256Jwt, verifyHs256Jwt } from './hs256-jwt.js';

const secret = new TextEncoder().encode('an hs256 test secret of enough length!!');
const key = hs256Key(secret);
const now = new Date('2026-12-06T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const claims = { sub: 'fan', iss: 'urr-test', aud: 'event-1', iat: nowSeconds - 10, exp: nowSeconds + 600 };
const checks = { issuer: 'urr-test', audience: 'event-1', now };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token with any header and payload, signed correctly with the test secret. */
const forged = (header: unknown, payload: unknown, signWith: Uint8Array = secret) => {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${createHmac('sha256', signWith).update(signed).digest('base64url')}`;
};
const refusal = (token: string, options = checks) => {
  try {
    verifyHs256Jwt(token, key, options);
    return 'accepted';
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
};

describe('HS256 tokens', () => {
  it('verifies what it signs, and what jose signs; jose verifies what it signs', async () => {
    const ours = signHs256Jwt(claims, key, { kid: 'k1' });
    expect(verifyHs256Jwt(ours, key, checks)).toEqual(claims);
    expect(hs256JwtHeaderOf(ours)).toEqual({ kid: 'k1' });
    const { payload } = await jwtVerify(ours, secret, {
      algorithms: ['HS256'],
      issuer: 'urr-test',
      audience: 'event-1',
      currentDate: now,
    });
    expect(payload).toEqual(claims);

    const theirs = await new SignJWT({ slot: '7' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('urr-test')
      .setAudience(['other', 'event-1'])
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + 60)
      .sign(secret);
    expect(verifyHs256Jwt(theirs, key, checks)).toMatchObject({ slot: '7' });
  });

  it('refuses a changed payload, another key, and a signature cut, padded or written another way', () => {
    const token = signHs256Jwt(claims, key);
    const [header, , signature] = token.split('.');
    expect(refusal(`${header}.${b64({ ...claims, sub: 'someone-else' })}.${signature}`)).toBe('invalid');
    expect(refusal(forged({ alg: 'HS256' }, claims, new TextEncoder().encode('x'.repeat(40))))).toBe(
      'invalid',
    );
    expect(refusal(token.slice(0, -1))).toBe('invalid');
    expect(refusal(`${token}=`)).toBe('invalid');
    expect(refusal(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe('invalid');
    // The last character carries 4 unused bits: flipping one of them must not give a second valid form.
    const last = token.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    expect(refusal(`${token.slice(0, -1)}${sibling}`)).toBe('invalid');
  });

  it('refuses alg none, other algorithms, critical extensions and unencoded payloads even when signed', () => {
    const [header, payload] = signHs256Jwt(claims, key).split('.');
    expect(refusal(`${b64({ alg: 'none' })}.${payload}.`)).toBe('invalid');
    expect(refusal(`${header}.${payload}`)).toBe('invalid');
    expect(refusal(forged({ alg: 'HS512' }, claims))).toBe('invalid');
    expect(refusal(forged({ alg: 'hs256' }, claims))).toBe('invalid');
    expect(refusal(forged({ alg: 'RS256' }, claims))).toBe('invalid');
    expect(refusal(forged({ alg: 'HS256', crit: ['exp'] }, claims))).toBe('invalid');
    expect(refusal(forged({ alg: 'HS256', b64: false }, claims))).toBe('invalid');
  });

  it('refuses what is not three base64url segments of JSON objects', () => {
    expect(refusal('')).toBe('invalid');
    expect(refusal('a.b.c.d')).toBe('invalid');
    expect(refusal(`${signHs256Jwt(claims, key)} `)).toBe('invalid');
    expect(refusal(forged({ alg: 'HS256' }, ['not', 'an', 'object']))).toBe('invalid');
    expect(refusal(forged({ alg: 'HS256' }, null))).toBe('invalid');
    expect(refusal(forged(['HS256'], claims))).toBe('invalid');
    expect(() => hs256JwtHeaderOf(forged({ alg: 'HS256', kid: 7 }, claims))).toThrow();
  });

  it('checks the issuer, the audience, iat, nbf and exp as jose does, expiry at exp itself', () => {
    const sign = (changes: Record<string, unknown>) => forged({ alg: 'HS256' }, { ...claims, ...changes });
    expect(refusal(sign({ iss: 'urr-other' }))).toBe('invalid');
    expect(refusal(sign({ aud: 'event-2' }))).toBe('wrong-audience');
    expect(refusal(sign({ aud: ['event-2', 'event-3'] }))).toBe('wrong-audience');
    expect(refusal(sign({ aud: undefined }))).toBe('wrong-audience');
    expect(refusal(sign({ aud: 'event-2' }), { issuer: 'urr-test', now } as typeof checks)).toBe('accepted');
    expect(refusal(sign({ iat: 'yesterday' }))).toBe('invalid');
    expect(refusal(sign({ nbf: nowSeconds + 1 }))).toBe('invalid');
    expect(refusal(sign({ nbf: nowSeconds }))).toBe('accepted');
    expect(refusal(sign({ exp: nowSeconds }))).toBe('expired');
    expect(refusal(sign({ exp: nowSeconds + 1 }))).toBe('accepted');
    expect(refusal(sign({ exp: undefined }))).toBe('invalid');
    expect(refusal(sign({ exp: '9999999999' }))).toBe('invalid');
    // A wrong audience is named before expiry, as jose does.
    expect(refusal(sign({ aud: 'event-2', exp: nowSeconds - 1 }))).toBe('wrong-audience');
  });
});
