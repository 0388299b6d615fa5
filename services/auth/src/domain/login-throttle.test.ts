import { describe, expect, it } from 'vitest';
import { claimDecision, loginThrottleRules, throttleKey } from './login-throttle.js';

const attempt = { email: 'fan@example.com', clientIp: '203.0.113.7' };
const [fromClient, anywhere] = loginThrottleRules;
const now = new Date('2025-01-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('claimDecision (counts include the attempt’s own claim)', () => {
  it('lets the attempt through up to the limit', () => {
    const claimed = [{ key: throttleKey(fromClient!, attempt), failures: 5, windowStartedAt: minutesAgo(1) }];
    expect(claimDecision(attempt, claimed, now)).toEqual({ blocked: false });
  });

  it('refuses the claim past the limit from that client until its window ends', () => {
    const claimed = [{ key: throttleKey(fromClient!, attempt), failures: 6, windowStartedAt: minutesAgo(5) }];
    expect(claimDecision(attempt, claimed, now)).toEqual({ blocked: true, retryAfterSeconds: 600 });
    const otherClient = { ...attempt, clientIp: '198.51.100.1' };
    expect(claimDecision(otherClient, claimed, now)).toEqual({ blocked: false });
  });

  it('refuses the account from every client past the account-wide limit', () => {
    const claimed = [{ key: throttleKey(anywhere!, attempt), failures: 21, windowStartedAt: minutesAgo(14) }];
    expect(claimDecision({ ...attempt, clientIp: '198.51.100.1' }, claimed, now)).toEqual({
      blocked: true,
      retryAfterSeconds: 60,
    });
  });

  it('asks for at least a second when the window ends now', () => {
    const claimed = [
      { key: throttleKey(fromClient!, attempt), failures: 9, windowStartedAt: minutesAgo(15) },
    ];
    expect(claimDecision(attempt, claimed, now)).toEqual({ blocked: true, retryAfterSeconds: 1 });
  });
});
