import { describe, expect, it } from 'vitest';
import { isRevokedPass, revokedBeforeSecondOf } from './pass-revocation.js';

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
});
