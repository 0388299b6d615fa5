import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('returnTo after signing in', () => {
  it('goes back to a page of this site', () => {
    expect(safeReturnTo('/events/abc?x=1')).toBe('/events/abc?x=1');
    expect(safeReturnTo(['/queue/e1', '/other'])).toBe('/queue/e1');
  });

  it('refuses other sites and API paths', () => {
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('/api/v1/seats/reserve')).toBe('/');
    expect(safeReturnTo(undefined, '/my/reservations')).toBe('/my/reservations');
  });
});
