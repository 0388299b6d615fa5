import { describe, expect, it } from 'vitest';
import { ExpositionParseError, parseExposition } from './prometheus-text.js';

describe('parseExposition', () => {
  it('reads names, labels (escapes included), special values and skips comments and timestamps', () => {
    const samples = parseExposition(
      [
        '# HELP http_request_duration_seconds HTTP request duration',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{le="0.5",route="/api/v1/seats/reserve",method="POST"} 12',
        'http_request_duration_seconds_bucket{le="+Inf",route="/a\\"b\\\\c\\nd",method="POST",} 13 1700000000000',
        'process_start_time_seconds 1.7e9',
        'weird_value NaN',
        'up +Inf',
        '',
      ].join('\n'),
    );
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({
      name: 'http_request_duration_seconds_bucket',
      labels: { le: '0.5', route: '/api/v1/seats/reserve', method: 'POST' },
      value: 12,
    });
    expect(samples[1]?.labels).toEqual({ le: '+Inf', route: '/a"b\\c\nd', method: 'POST' });
    expect(samples[2]?.value).toBe(1.7e9);
    expect(samples[3]?.value).toBeNaN();
    expect(samples[4]?.value).toBe(Number.POSITIVE_INFINITY);
  });

  it("reads NaN and the infinities in any case, as Prometheus does (prom-client writes 'Nan')", async () => {
    const { Registry, Gauge } = await import('prom-client');
    const registry = new Registry();
    new Gauge({ name: 'lag_before_any_sample', help: 'NaN until sampled', registers: [registry] }).set(
      Number.NaN,
    );
    const [written] = parseExposition(await registry.metrics());
    expect(written?.value).toBeNaN();
    const values = parseExposition(['a nan', 'b Inf', 'c -inf', 'd +Infinity'].join('\n')).map(
      (s) => s.value,
    );
    expect(values[0]).toBeNaN();
    expect(values.slice(1)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
  });

  it.each([
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
    ['a line without a value', 'http_requests_total{route="/"}'],
    ['a value that is no number', 'http_requests_total 12abc'],
    ['an unterminated label value', 'http_requests_total{route="/api} 1'],
    ['a label without quotes', 'http_requests_total{route=/api} 1'],
    ['trailing words', 'http_requests_total 1 2 3'],
    ['JSON', '{"status":"ok"}'],
  ])('refuses %s', (_case, body) => {
    expect(() => parseExposition(body)).toThrow(ExpositionParseError);
  });
});
