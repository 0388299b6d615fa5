import { describe, expect, it } from 'vitest';
import { patiently } from './fan.js';

describe('patiently', () => {
  it('stops retrying once the fan’s deadline has passed, a deadline moved earlier meanwhile included', async () => {
    const fan = { deadline: Date.now() + 60_000 };
    let tries = 0;
    const noAnswer = () => {
      tries += 1;
      // The hall sells out during the second try: the run's end moves to now.
      if (tries === 2) fan.deadline = Date.now() - 1;
      return Promise.reject(new Error('no answer'));
    };
    await expect(patiently(fan, noAnswer)).rejects.toThrow('no answer');
    expect(tries).toBe(2);
  });
});
