import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenIssuedAt, isRevokedPass, revokedBeforeSecondOf } from './pass-revocation.js';

describe('an account’s pass revocation second', () => {
  it('rounds the revoking instant up, so a pass of that same second is void too', () => {
    expect(revokedBeforeSecondOf(new Date(10_400))).toBe(11);
    expect(revokedBeforeSecondOf(new Date(10_000))).toBe(10);
    expect(isRevokedPass(10, revokedBeforeSecondOf(new Date(10_400)))).toBe(true);
    expect(isRevokedPass(11, revokedBeforeSecondOf(new Date(10_400)))).toBe(false);
  });

  it('voids nothing without a revocation', () => {
    expect(isRevokedPass(0, undefined)).toBe(false);
  });

  it('reads an access token’s issue second, and nothing from a token without one', async () => {
    const key = new TextEncoder().encode(randomUUID());
    const issued = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1_234).sign(key);
    const undated = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect(accessTokenIssuedAt(issued)).toBe(1_234);
    expect(accessTokenIssuedAt(undated)).toBeUndefined();
  });
});
