import { describe, expect, it } from 'vitest';
import { clientIpOf } from './client-ip.js';

describe('clientIpOf', () => {
  it('uses the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(
      clientIpOf({ peer: '::ffff:198.51.100.4', forwardedFor: '203.0.113.1', trustedProxyHops: 0 }),
    ).toBe('198.51.100.4');
  });

  it('takes the entry the trusted proxies added, not what the client prepended', () => {
    const forwardedFor = '10.9.9.9, 203.0.113.7';
    expect(clientIpOf({ peer: '127.0.0.1', forwardedFor, trustedProxyHops: 1 })).toBe('203.0.113.7');
    expect(
      clientIpOf({ peer: '127.0.0.1', forwardedFor: `${forwardedFor}, 10.0.0.2`, trustedProxyHops: 2 }),
    ).toBe('203.0.113.7');
  });

  it('falls back to the peer when the header is missing or not an address', () => {
    expect(clientIpOf({ peer: '127.0.0.1', forwardedFor: undefined, trustedProxyHops: 1 })).toBe('127.0.0.1');
    expect(clientIpOf({ peer: '127.0.0.1', forwardedFor: 'evil', trustedProxyHops: 1 })).toBe('127.0.0.1');
  });
});
