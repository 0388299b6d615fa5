import { describe, expect, it } from 'vitest';
import { parseSelloutOptions } from './options.js';

describe('the sellout options', () => {
  it('defaults to the full opening, faults on', () => {
    expect(parseSelloutOptions([])).toMatchObject({ fans: 20_000, seats: 2_000, faults: true, seed: 1 });
  });

  it('takes the acceptance run', () => {
    expect(parseSelloutOptions(['--fans', '2000', '--seats', '200', '--faults'])).toMatchObject({
      fans: 2000,
      seats: 200,
      standing: 20,
      faults: true,
    });
    expect(parseSelloutOptions(['--no-faults']).faults).toBe(false);
  });

  it('refuses loads it cannot bound and targets off this machine', () => {
    expect(() => parseSelloutOptions(['--fans', '0'])).toThrow('--fans takes a whole number');
    expect(() => parseSelloutOptions(['--fans', '1e6'])).toThrow('bounded at 50000');
    expect(() => parseSelloutOptions(['--edge', 'http://example.test:8080'])).toThrow('loopback');
    expect(() => parseSelloutOptions(['--faults', '--no-faults'])).toThrow('together');
    expect(() => parseSelloutOptions(['--what'])).toThrow();
  });
});
