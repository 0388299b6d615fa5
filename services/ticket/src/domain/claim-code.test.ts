import { describe, expect, it } from 'vitest';
import { claimCodeMatches, hashClaimCode, newClaimCode } from './claim-code.js';

describe('claim codes', () => {
  it('are readable, differ each time, and match their hash however the recipient types them', () => {
    const code = newClaimCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
    expect(newClaimCode()).not.toBe(code);
    expect(claimCodeMatches(` ${code.toLowerCase()} `, hashClaimCode(code))).toBe(true);
    expect(claimCodeMatches('WRONGCODE2', hashClaimCode(code))).toBe(false);
  });
});
