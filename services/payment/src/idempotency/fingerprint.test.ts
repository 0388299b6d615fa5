import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './fingerprint.js';

describe('request fingerprint', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const one = requestFingerprint({
      method: 'post',
      path: '/p/1/confirm',
      body: { cvc: '123', expMonth: 1 },
    });
    const two = requestFingerprint({
      method: 'POST',
      path: '/p/1/confirm',
      body: { expMonth: 1, cvc: '123' },
    });
    expect(one).toBe(two);
  });

  it('differs when the body or the path differs', () => {
    const base = { method: 'POST', path: '/p/1/confirm', body: { cardNumber: '4242424242424242' } };
    const fingerprint = requestFingerprint(base);
    expect(requestFingerprint({ ...base, body: { cardNumber: '4000000000000002' } })).not.toBe(fingerprint);
    expect(requestFingerprint({ ...base, path: '/p/2/confirm' })).not.toBe(fingerprint);
  });
});
