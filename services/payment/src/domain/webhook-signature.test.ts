import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const secret = 'whsec-test-0123456789abcdef0123456789abcdef';
const body = '{"id":"evt_1","type":"charge.succeeded"}';
const sentAt = new Date('2025-06-01T10:00:00Z');

describe('webhook signature', () => {
  it('accepts the body it signed, within the tolerance', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhook(secret, body, header, new Date(sentAt.getTime() + 60_000))).toBe('valid');
  });

  it('refuses another body, another secret, a missing header and an old delivery', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhook(secret, `${body} `, header, sentAt)).toBe('mismatch');
    expect(verifyWebhook(`${secret}x`, body, header, sentAt)).toBe('mismatch');
    expect(verifyWebhook(secret, body, undefined, sentAt)).toBe('malformed');
    expect(verifyWebhook(secret, body, 't=1,v1=zz', sentAt)).toBe('malformed');
    expect(verifyWebhook(secret, body, header, new Date(sentAt.getTime() + 600_000))).toBe('stale');
  });
});
