import { describe, expect, it } from 'vitest';
import { loginThrottleRules, throttleDecision, throttleKey } from './login-throttle.js';

const attempt = { email: 'fan@example.com', clientIp: '203.0.113.7' };
const [fromClient, anywhere] = loginThrottleRules;
const now = new Date('2025-01-01T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('throttleDecision', () => {
  it('lets attempts through below the limits', () => {
    const counts = [{ key: throttleKey(fromClient!, attempt), failures: 4, windowStartedAt: minutesAgo(1) }];
    expect(throttleDecision(attempt, counts, now)).toEqual({ blocked: false });
  });

  it('blocks the account from that client until its window ends', () => {
    const counts = [{ key: throttleKey(fromClient!, attempt), failures: 5, windowStartedAt: minutesAgo(5) }];
    expect(throttleDecision(attempt, counts, now)).toEqual({ blocked: true, retryAfterSeconds: 600 });
    const otherClient = { ...attempt, clientIp: '198.51.100.1' };
    expect(throttleDecision(otherClient, counts, now)).toEqual({ blocked: false });
  });

  it('blocks the account from every client after many failures anywhere', () => {
    const counts = [{ key: throttleKey(anywhere!, attempt), failures: 20, windowStartedAt: minutesAgo(14) }];
    expect(throttleDecision({ ...attempt, clientIp: '198.51.100.1' }, counts, now)).toEqual({
      blocked: true,
      retryAfterSeconds: 60,
    });
  });

  it('forgets failures once their window has passed', () => {
    const counts = [{ key: throttleKey(fromClient!, attempt), failures: 9, windowStartedAt: minutesAgo(15) }];
    expect(throttleDecision(attempt, counts, now)).toEqual({ blocked: false });
  });
});
