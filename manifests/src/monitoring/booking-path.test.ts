import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrivalRoute, bookingRoutes, defaultBookingObjective, eq, matches, series } from './booking-path.js';

/** The gateway's public API as committed (npm run openapi writes it from the gateway's route table). */
const publicApi = JSON.parse(
  readFileSync(new URL('../../../docs/openapi/public-api.json', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, unknown>> };

describe('the routes the dashboards and alerts label by', () => {
  it.each([
    ['arrival', arrivalRoute],
    ['reserve', bookingRoutes.reserve],
    ['confirm', bookingRoutes.confirm],
  ])('%s is a public route of the gateway with its method', (_, route) => {
    const openApiPath = route.route.replace(/:([A-Za-z]+)/g, '{$1}');
    expect(Object.keys(publicApi.paths[openApiPath] ?? {})).toContain(route.method.toLowerCase());
  });
});

describe('defaultBookingObjective', () => {
  it("is the TicketEvent's default spec.slo, in seconds", () => {
    expect(defaultBookingObjective()).toEqual({
      reserveP99Seconds: 0.3,
      confirmP99Seconds: 1,
      maxErrorRatio: 0.01,
    });
  });
});

describe('series', () => {
  it('quotes label values as PromQL strings', () => {
    expect(series('m', eq('route', '/a/"b"'), matches('status_code', '5..'))).toBe(
      'm{route="/a/\\"b\\"",status_code=~"5.."}',
    );
  });
});
