import { describe, expect, it } from 'vitest';
import { operatorConfigSchema } from './config.js';

const required = { REDIS_URL: 'redis://127.0.0.1:16379' };

describe('the booking path health settings', () => {
  it('default to the public routes of seat reserve and payment confirm, with no source configured', () => {
    const config = operatorConfigSchema.parse(required);
    expect(config.BOOKING_RESERVE_ROUTE).toEqual({ method: 'POST', route: '/api/v1/seats/reserve' });
    expect(config.BOOKING_CONFIRM_ROUTE).toEqual({ method: 'POST', route: '/api/v1/payments/:id/confirm' });
    expect(config.PROMETHEUS_URL).toBeUndefined();
    expect(config.GATEWAY_METRICS_URLS).toBeUndefined();
  });

  it('read gateway /metrics URLs as a comma-separated list and refuse a route without its method', () => {
    const config = operatorConfigSchema.parse({
      ...required,
      GATEWAY_METRICS_URLS: 'http://127.0.0.1:3001/metrics, http://127.0.0.1:3101/metrics',
      BOOKING_RESERVE_ROUTE: 'POST /api/*',
    });
    expect(config.GATEWAY_METRICS_URLS).toEqual([
      'http://127.0.0.1:3001/metrics',
      'http://127.0.0.1:3101/metrics',
    ]);
    expect(config.BOOKING_RESERVE_ROUTE).toEqual({ method: 'POST', route: '/api/*' });
    expect(
      operatorConfigSchema.safeParse({ ...required, BOOKING_RESERVE_ROUTE: '/api/v1/seats/reserve' }).success,
    ).toBe(false);
    expect(operatorConfigSchema.safeParse({ ...required, GATEWAY_METRICS_URLS: 'not a url' }).success).toBe(
      false,
    );
    expect(operatorConfigSchema.safeParse({ ...required, PROMETHEUS_RATE_WINDOW: '1 minute' }).success).toBe(
      false,
    );
  });
});
