import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, createRequestFingerprint } from './request-fingerprint.js';

const secret = 'a'.repeat(64);
const fingerprint = createRequestFingerprint(secret);

describe('request fingerprint', () => {
  it('is the same for the same request whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const one = fingerprint({ method: 'post', path: '/p/1/confirm', facts: { last4: '4242', expMonth: 1 } });
    const two = fingerprint({ method: 'POST', path: '/p/1/confirm', facts: { expMonth: 1, last4: '4242' } });
    expect(one).toBe(two);
  });

  it('differs when the facts or the path differ', () => {
    const base = { method: 'POST', path: '/p/1/confirm', facts: { last4: '4242' } };
    const value = fingerprint(base);
    expect(fingerprint({ ...base, facts: { last4: '0002' } })).not.toBe(value);
    expect(fingerprint({ ...base, path: '/p/2/confirm' })).not.toBe(value);
  });

  it('is keyed by the service secret: a plain hash of the request does not give it', () => {
    const request = { method: 'POST', path: '/p/1/confirm', facts: { last4: '4242' } };
    const plain = createHash('sha256')
      .update(`POST /p/1/confirm\n${canonicalJson(request.facts)}`)
      .digest('hex');
    expect(fingerprint(request)).not.toBe(plain);
    expect(createRequestFingerprint('b'.repeat(64))(request)).not.toBe(fingerprint(request));
  });
});
