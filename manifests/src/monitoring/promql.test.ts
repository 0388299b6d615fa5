import { describe, expect, it } from 'vitest';
import { exposedMetricNames } from './exposition.js';
import { parsePromql, promqlFindings } from './promql.js';

describe('parsePromql', () => {
  it('accepts a valid expression and names the metrics its selectors read', () => {
    const parsed = parsePromql(
      'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{route="/x"}[$__rate_interval]))) > 0.3 and on () {__name__="up"} == 1',
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.metricNames).toEqual(['http_request_duration_seconds_bucket', 'up']);
  });

  it.each([
    ['an unclosed call', 'sum(rate(foo_total[5m])', 23],
    ['a comparison without its right side', 'rate(foo_total[5m]) >', 21],
    ['two selectors side by side', 'foo bar', 4],
    ['grouping labels without parentheses', 'sum by le (foo)', 7],
    ['an unclosed label value', 'foo{route="x}', 13],
    ['an unquoted label value', 'foo{route=x}', 10],
  ])('finds %s', (_, expression, offset) => {
    const { errors } = parsePromql(expression);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.offset).toBe(offset);
  });

  it('an empty expression is an error', () => {
    expect(parsePromql(' ').errors).not.toEqual([]);
  });
});

describe('promqlFindings', () => {
  it('names each broken expression and passes the others', () => {
    expect(
      promqlFindings([
        { name: 'ok', expr: 'sum(up)' },
        { name: 'UrrBroken', expr: 'sum(rate(up[5m]) by (job)' },
      ]),
    ).toEqual([expect.stringMatching(/^UrrBroken: PromQL does not parse at offset \d+/)]);
  });
});

describe('exposedMetricNames', () => {
  it('takes samples and what TYPE lines declare, a histogram with its three series', () => {
    const text = [
      '# HELP a_seconds A histogram',
      '# TYPE a_seconds histogram',
      '# HELP b_total A counter',
      '# TYPE b_total counter',
      'b_total{service="x"} 3',
      'c 1',
      '',
    ].join('\n');
    expect([...exposedMetricNames(text)].sort()).toEqual([
      'a_seconds_bucket',
      'a_seconds_count',
      'a_seconds_sum',
      'b_total',
      'c',
    ]);
  });
});
