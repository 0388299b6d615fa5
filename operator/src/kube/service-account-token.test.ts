import { describe, expect, it } from 'vitest';
import { expiryOf, serviceAccountToken } from './service-account-token.js';

const jwt = (claims: object) =>
  ['header', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.');

describe('the service account token file', () => {
  it('reads the expiry of a JWT, and none of a token that is not one', () => {
    expect(expiryOf(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(expiryOf(jwt({ sub: 'system:serviceaccount:urr-system:operator' }))).toBeUndefined();
    expect(expiryOf('static-token')).toBeUndefined();
  });

  it('is read once, then again a minute later, since the kubelet rotates it in place', () => {
    let now = 0;
    let contents = 'first\n';
    let reads = 0;
    const token = serviceAccountToken('/token', {
      now: () => now,
      readFile: () => {
        reads++;
        return Buffer.from(contents);
      },
    });
    expect(token()).toBe('first');
    contents = 'second';
    now = 59_000;
    expect(token()).toBe('first');
    now = 60_000;
    expect(token()).toBe('second');
    expect(reads).toBe(2);
  });

  it('is read again before the expiry it carries, even within the minute', () => {
    let now = 1_000_000;
    let contents = jwt({ exp: 1_020 });
    const token = serviceAccountToken('/token', { now: () => now, readFile: () => Buffer.from(contents) });
    const first = token();
    contents = jwt({ exp: 5_000 });
    now = 1_009_000;
    expect(token()).toBe(first);
    now = 1_010_000;
    expect(token()).toBe(contents);
  });
});
