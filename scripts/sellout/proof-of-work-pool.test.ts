import { createHash } from 'node:crypto';
import { leadingZeroBits } from '@urr/vwr-shared/proof-of-work';
import { afterAll, describe, expect, it } from 'vitest';
import { proofOfWorkPool } from './proof-of-work-pool.js';

const pool = proofOfWorkPool(2);
afterAll(() => pool.close());

describe('the proof-of-work pool', () => {
  it('solves challenges in worker threads, each answer for its own challenge', async () => {
    const challenges = ['a', 'b', 'c', 'd'].map((c) => `challenge-${c}`);
    const solutions = await Promise.all(challenges.map((c) => pool.solve(c, 10)));
    for (const [i, challenge] of challenges.entries()) {
      const digest = createHash('sha256').update(`${challenge}:${solutions[i]}`).digest();
      expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(10);
    }
  });

  it('answers a job whose time ran out while it waited at once, unsolved', async () => {
    const late = pool.solve('challenge-late', 40, () => Date.now() - 1);
    await expect(late).rejects.toThrow('too late');
    const solution = await pool.solve('challenge-in-time', 8, () => Date.now() + 60_000);
    const digest = createHash('sha256').update(`challenge-in-time:${solution}`).digest();
    expect(leadingZeroBits(digest)).toBeGreaterThanOrEqual(8);
  });

  it('reads the deadline when the turn comes: one moved earlier while the job waited counts', async () => {
    const single = proofOfWorkPool(1);
    try {
      let deadline = Date.now() + 60_000;
      // The first job keeps the one worker busy while the second waits behind it.
      const busy = single.solve('challenge-busy', 18);
      const queued = single.solve('challenge-queued', 40, () => deadline);
      deadline = Date.now() - 1;
      await busy;
      await expect(queued).rejects.toThrow('too late');
    } finally {
      await single.close();
    }
  });
});
