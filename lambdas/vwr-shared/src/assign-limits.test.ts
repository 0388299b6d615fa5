import { describe, expect, it } from 'vitest';
import { networkOf } from './assign-limits.js';

describe('the network an assign is counted against', () => {
  it('is the /24 of an IPv4 address (also IPv4-mapped) and the /64 of an IPv6 address', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:0db8:0000:0012:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:12::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});
