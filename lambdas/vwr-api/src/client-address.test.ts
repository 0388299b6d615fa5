import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address.js';
import { httpApiEvent } from './http-api-event.js';

const secret = 'a-secret-cloudfront-sends-to-the-origin';
const throughCloudFront = (headers: Record<string, string>) =>
  httpApiEvent({
    method: 'POST',
    path: '/vwr-api/vwr/assign/e1',
    routeKey: 'POST /vwr-api/vwr/assign/{eventId}',
    headers,
    sourceIp: '130.176.0.9',
  });

describe('the address an assign is counted against', () => {
  it('is the viewer address CloudFront forwards, beside the origin secret', () => {
    const v4 = { 'x-urr-origin-verify': secret, 'cloudfront-viewer-address': '198.51.100.10:46532' };
    expect(clientAddressOf(throughCloudFront(v4), secret)).toBe('198.51.100.10');
    const v6 = { 'x-urr-origin-verify': secret, 'cloudfront-viewer-address': '2001:db8:1:2::7:443' };
    expect(clientAddressOf(throughCloudFront(v6), secret)).toBe('2001:db8:1:2::7');
  });

  it('is the source IP when the secret is wrong or missing, or none is configured', () => {
    const forged = { 'x-urr-origin-verify': 'guess', 'cloudfront-viewer-address': '198.51.100.10:1' };
    expect(clientAddressOf(throughCloudFront(forged), secret)).toBe('130.176.0.9');
    const bare = { 'cloudfront-viewer-address': '198.51.100.10:1' };
    expect(clientAddressOf(throughCloudFront(bare), secret)).toBe('130.176.0.9');
    const local = { 'x-urr-origin-verify': secret, 'cloudfront-viewer-address': '198.51.100.10:1' };
    expect(clientAddressOf(throughCloudFront(local), undefined)).toBe('130.176.0.9');
  });

  it('is the source IP when the viewer address is not an address', () => {
    for (const viewer of ['', 'nonsense', '198.51.100.10', ':443'])
      expect(
        clientAddressOf(
          throughCloudFront({ 'x-urr-origin-verify': secret, 'cloudfront-viewer-address': viewer }),
          secret,
        ),
      ).toBe('130.176.0.9');
  });
});
