import { describe, expect, it } from 'vitest';
import { inBatches } from './in-batches.js';

describe('inBatches', () => {
  it('runs every job once, never more than the concurrency at a time, and keeps the job order', async () => {
    let running = 0;
    let most = 0;
    const results = await inBatches(20, 3, async (index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
      running -= 1;
      return index * 2;
    });
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
    expect(most).toBe(3);
  });

  it('does nothing for no jobs', async () => {
    expect(await inBatches(0, 4, async () => 1)).toEqual([]);
  });
});
